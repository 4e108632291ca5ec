import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Clock } from '../common/time/clock';
import { RateLimitRepository } from './rate-limit.repository';

/** Small statements: a sweep never holds many row locks or a long transaction. */
const BATCH_SIZE = 5_000;
/** Whatever is left waits for the next minute. */
const MAX_BATCHES_PER_RUN = 20;

/**
 * Deletes the rows whose window or block has ended, every minute on every replica (the
 * deletes are idempotent), so the table holds only the identities active in the last window.
 */
@Injectable()
export class RateLimitSweeper {
  private readonly logger = new Logger('RateLimitSweeper');

  constructor(
    private readonly counts: RateLimitRepository,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'rate-limit-sweeper' })
  async sweep(): Promise<number> {
    let deleted = 0;
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
        const count = await this.counts.deleteEnded(this.clock.now(), BATCH_SIZE);
        deleted += count;
        if (count < BATCH_SIZE) break;
      }
    } catch (error) {
      this.logger.warn(error instanceof Error ? error : String(error), 'The rate-limit sweep stopped early');
    }
    return deleted;
  }
}
