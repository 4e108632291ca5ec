import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '../common/time/clock';
import { EventsConfig } from '../config/configuration';
import { EventRepository } from './event.repository';

const DAY_MS = 86_400_000;

/**
 * Forgets events older than EVENTS_RETENTION_DAYS with their deliveries and attempts, every
 * hour on every replica (deletes are idempotent). A stream resumed from an id older than that
 * starts at the oldest event kept.
 */
@Injectable()
export class EventPruner {
  private readonly logger = new Logger('Events');

  constructor(
    private readonly events: EventRepository,
    private readonly clock: Clock,
    private readonly config: EventsConfig,
  ) {}

  @Cron('0 23 * * * *', { name: 'events-prune', timeZone: 'UTC' })
  async prune(): Promise<number> {
    try {
      const deleted = await this.events.pruneBefore(new Date(this.clock.now().getTime() - this.config.retentionDays * DAY_MS));
      if (deleted > 0) this.logger.log({ deleted }, 'Pruned old events');
      return deleted;
    } catch (error) {
      this.logger.error({ err: error }, 'Pruning old events failed');
      return 0;
    }
  }
}
