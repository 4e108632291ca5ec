import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MARK_USED } from './token-statements';

/** last_used_at is this coarse: far finer than any warm window, and one write per account in it. */
export const USE_MARK_INTERVAL_MS = 5 * 60_000;
/** Accounts remembered as marked; past this the memory starts over (a few more writes, no harm). */
const MAX_REMEMBERED = 100_000;

/**
 * Records that an account was used (a token handed out for an eBay call), for the refresh
 * policy's warm window: at most one write per account every few minutes per replica, sent
 * without holding up the caller.
 */
@Injectable()
export class TokenUseMarker {
  private readonly logger = new Logger('TokenUseMarker');
  private readonly markedAt = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  mark(accountId: string, nowMs: number): void {
    const last = this.markedAt.get(accountId);
    if (last !== undefined && nowMs - last < USE_MARK_INTERVAL_MS) return;
    if (this.markedAt.size >= MAX_REMEMBERED) this.markedAt.clear();
    this.markedAt.set(accountId, nowMs);
    MARK_USED.rows(this.dataSource, [accountId]).catch((error: unknown) => {
      // Tried again at the account's next use.
      this.markedAt.delete(accountId);
      this.logger.warn({ accountId, error: String(error) }, 'Could not record the use of an account');
    });
  }
}
