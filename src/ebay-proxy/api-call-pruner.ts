import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '../common/time/clock';
import { ProxyConfig } from '../config/configuration';
import { ApiCallRepository } from './api-call.repository';

const DAY_MS = 86_400_000;

/** Forgets proxied calls older than EBAY_API_CALLS_RETENTION_DAYS, every hour on every replica (deletes are idempotent). */
@Injectable()
export class ApiCallPruner {
  private readonly logger = new Logger('EbayProxy');

  constructor(
    private readonly calls: ApiCallRepository,
    private readonly clock: Clock,
    private readonly config: ProxyConfig,
  ) {}

  @Cron('0 17 * * * *', { name: 'ebay-api-calls-prune', timeZone: 'UTC' })
  async prune(): Promise<number> {
    try {
      const deleted = await this.calls.pruneBefore(new Date(this.clock.now().getTime() - this.config.callsRetentionDays * DAY_MS));
      if (deleted > 0) this.logger.log({ deleted }, 'Pruned old proxied calls');
      return deleted;
    } catch (error) {
      this.logger.error({ err: error }, 'Pruning old proxied calls failed');
      return 0;
    }
  }
}
