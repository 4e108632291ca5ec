import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MARK_USED } from './token-statements';

/** last_used_at is this coarse: far finer than any warm window, and one write per account in it. */
export const USE_MARK_INTERVAL_MS = 5 * 60_000;
/** Uses noted in memory reach the database this often, all in one statement. */
const FLUSH_INTERVAL_MS = 10_000;
/** Accounts remembered as marked; past this the memory starts over (a few more writes, no harm). */
const MAX_REMEMBERED = 100_000;

/**
 * Records that an account was used (a token handed out for an eBay call), for the refresh
 * policy's warm window. Nothing is written on the caller's path: uses are noted in memory, at
 * most once per account every few minutes, and written together every few seconds.
 */
@Injectable()
export class TokenUseMarker implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('TokenUseMarker');
  private readonly markedAt = new Map<string, number>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  mark(accountId: string, nowMs: number): void {
    const last = this.markedAt.get(accountId);
    if (last !== undefined && nowMs - last < USE_MARK_INTERVAL_MS) return;
    if (this.markedAt.size >= MAX_REMEMBERED) this.markedAt.clear();
    this.markedAt.set(accountId, nowMs);
    this.pending.add(accountId);
  }

  /** Writes the uses noted since the last flush; those it could not write are tried again next time. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const accountIds = [...this.pending];
    this.pending = new Set();
    try {
      await MARK_USED.rows(this.dataSource, [accountIds]);
    } catch (error) {
      for (const accountId of accountIds) this.pending.add(accountId);
      this.logger.warn({ accounts: accountIds.length, error: String(error) }, 'Could not record the use of accounts; will retry');
    }
  }
}
