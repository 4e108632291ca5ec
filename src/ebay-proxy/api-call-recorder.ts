import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { type ApiCallRecord, ApiCallRepository } from './api-call.repository';

/** How long a recorded call may wait for the statement that stores it. */
const FLUSH_AFTER_MS = 200;
/** Rows per statement: one INSERT stores them all. */
const BATCH_ROWS = 500;
/** While PostgreSQL is away, at most this many calls wait in memory; beyond, new ones are dropped. */
const MAX_PENDING = 10_000;

/**
 * The audit of proxied calls, stored in batches: one INSERT for up to 500 calls every 200 ms
 * instead of one per call, so the audit costs the proxy neither a round trip nor, under load,
 * a connection per call. The same replica's reads flush first (`flush()`), so a caller sees its
 * own calls at once; another replica's appear within 200 ms. On shutdown the rest is stored.
 */
@Injectable()
export class ApiCallRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger('ApiCallRecorder');
  private pending: ApiCallRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private storing: Promise<void> = Promise.resolve();
  private dropped = 0;

  constructor(
    private readonly calls: ApiCallRepository,
    private readonly clock: Clock,
  ) {}

  /** Takes the call for the next batch; never throws, never waits. */
  record(call: Omit<ApiCallRecord, 'calledAt'>): void {
    if (this.pending.length >= MAX_PENDING) {
      this.dropped++;
      return;
    }
    this.pending.push({ ...call, calledAt: this.clock.now() });
    if (this.pending.length >= BATCH_ROWS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS).unref();
  }

  /** Resolves once every call recorded so far is stored (or its batch failed and was logged). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batches: ApiCallRecord[][] = [];
    while (this.pending.length > 0) batches.push(this.pending.splice(0, BATCH_ROWS));
    // One batch after the other: each statement is short, and rows keep their order.
    this.storing = this.storing.then(async () => {
      for (const batch of batches) await this.store(batch);
      this.reportDropped();
    });
    return this.storing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async store(batch: readonly ApiCallRecord[]): Promise<void> {
    try {
      await this.calls.recordMany(batch);
    } catch {
      // Once more: an account erased while the statement ran fails it whole; the next one skips it.
      await this.calls.recordMany(batch).catch((error: unknown) => {
        this.logger.warn({ err: error, calls: batch.length }, 'Could not record proxied calls');
      });
    }
  }

  private reportDropped(): void {
    if (this.dropped === 0) return;
    this.logger.warn({ calls: this.dropped }, 'Proxied calls went unrecorded: too many waited for PostgreSQL');
    this.dropped = 0;
  }
}
