import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { TokensConfig } from '../config/configuration';
import { EventsService } from '../events';
import type { CountedGrantType } from './entities/ebay-grant-count.entity';
import { GrantCountRepository, type GrantCountRow } from './grant-count.repository';
import { quotaDay } from './quota-day';
import { quotaWarningLevel } from './quota-warning';

export { QUOTA_WARNING_SHARE } from './quota-warning';

/** The day's grants by every replica, as far as they have been written. */
export interface QuotaStatus {
  readonly day: string;
  readonly refreshGrants: number;
  readonly authorizationCodeGrants: number;
  readonly refreshGrantLimit: number;
}

/** Grants counted by a replica reach the database at least this often (and at each claim). */
const FLUSH_INTERVAL_MS = 10_000;

/**
 * Counts the grants this replica makes at eBay's token endpoint and adds them to the day's
 * totals in PostgreSQL, which every replica shares. Counting is in memory (no statement per
 * grant); the refresher flushes before each claim, so the totals it decides on lag by no more
 * than the refreshes in flight, and a timer flushes the rest.
 */
@Injectable()
export class GrantCounter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('GrantCounter');
  private pending: Record<CountedGrantType, number> = { refresh_token: 0, authorization_code: 0 };
  private timer: NodeJS.Timeout | undefined;
  /** The quota day each warning was last given for. */
  private readonly warned = new Map<'near' | 'used_up', string>();

  constructor(
    private readonly counts: GrantCountRepository,
    private readonly clock: Clock,
    private readonly config: TokensConfig,
    private readonly events: EventsService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.flush().catch((error: unknown) => this.logger.warn({ error: String(error) }, 'Could not write grant counts; will retry'));
    }, FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Before the pool closes (the refresher's last run flushes again once it has finished). */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch((error: unknown) =>
      this.logger.warn({ error: String(error) }, 'Could not write grant counts at shutdown; they are lost'),
    );
  }

  count(grantType: CountedGrantType): void {
    this.pending[grantType] += 1;
  }

  /** Writes what this replica counted since the last flush and reads the day's totals. */
  async flush(): Promise<QuotaStatus> {
    const day = quotaDay(this.clock.now());
    const written = this.pending;
    this.pending = { refresh_token: 0, authorization_code: 0 };
    let rows: GrantCountRow[];
    try {
      rows =
        written.refresh_token === 0 && written.authorization_code === 0
          ? await this.counts.read(day)
          : await this.counts.add(day, written.refresh_token, written.authorization_code);
    } catch (error) {
      // Not written: counted again at the next flush.
      this.pending.refresh_token += written.refresh_token;
      this.pending.authorization_code += written.authorization_code;
      throw error;
    }
    const grants = (type: CountedGrantType): number => rows.find((row) => row.grant_type === type)?.grants ?? 0;
    const status: QuotaStatus = {
      day,
      refreshGrants: grants('refresh_token'),
      authorizationCodeGrants: grants('authorization_code'),
      refreshGrantLimit: this.config.dailyRefreshGrantLimit,
    };
    this.warnNearLimit(status);
    await this.announceNearLimit(status, rows.find((row) => row.grant_type === 'refresh_token')?.warned_percent ?? 0);
    return status;
  }

  /**
   * quota.warning, for every organisation, once per quota day and level across all replicas:
   * whichever flush first sees a level no replica has announced marks it (a conditional
   * UPDATE) and records the event in the same short transaction. The counts are written
   * already; a failure here is retried by the next flush, which sees the level unmarked.
   */
  private async announceNearLimit(status: QuotaStatus, warnedPercent: number): Promise<void> {
    const percent = quotaWarningLevel(status.refreshGrants, status.refreshGrantLimit);
    if (percent <= warnedPercent) return;
    try {
      await this.txHost.withTransaction(async () => {
        if (!(await this.counts.markRefreshWarned(status.day, percent))) return;
        await this.events.recordForOrganisation('quota.warning', null, {
          percent,
          grants: status.refreshGrants,
          limit: status.refreshGrantLimit,
          quotaDay: status.day,
        });
      });
    } catch (error) {
      this.logger.warn({ err: error, quotaDay: status.day, percent }, 'Could not record the quota warning; the next flush tries again');
    }
  }

  /** Each once a day per replica: from 80 % on, and at 100 %. */
  private warnNearLimit(status: QuotaStatus): void {
    const percent = quotaWarningLevel(status.refreshGrants, status.refreshGrantLimit);
    const level = percent === 100 ? 'used_up' : percent === 80 ? 'near' : undefined;
    if (level === undefined || this.warned.get(level) === status.day) return;
    this.warned.set(level, status.day);
    this.logger.warn(
      { quotaDay: status.day, refreshGrants: status.refreshGrants, refreshGrantLimit: status.refreshGrantLimit },
      level === 'used_up'
        ? "eBay's daily refresh grants are used up: background refreshes stop until the quota day ends"
        : "Over 80 % of eBay's daily refresh grants are used",
    );
  }
}
