import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/time/clock';
import { TokensConfig } from '../config/configuration';
import type { CountedGrantType } from './entities/ebay-grant-count.entity';
import { quotaDay } from './quota-day';

/** The day's grants by every replica, as far as they have been written. */
export interface QuotaStatus {
  readonly day: string;
  readonly refreshGrants: number;
  readonly authorizationCodeGrants: number;
  readonly refreshGrantLimit: number;
}

/** From this share of the day's refresh grants on, the service warns. */
export const QUOTA_WARNING_SHARE = 0.8;
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
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: TokensConfig,
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
    let rows: { grant_type: CountedGrantType; grants: number }[];
    try {
      rows =
        written.refresh_token === 0 && written.authorization_code === 0
          ? await this.dataSource.query(`SELECT grant_type, grants FROM ebay_grant_counts WHERE quota_day = $1`, [day])
          : await this.dataSource.query(
              `INSERT INTO ebay_grant_counts (quota_day, grant_type, grants)
               VALUES ($1, 'refresh_token', $2), ($1, 'authorization_code', $3)
               ON CONFLICT (quota_day, grant_type) DO UPDATE SET grants = ebay_grant_counts.grants + EXCLUDED.grants
               RETURNING grant_type, grants`,
              [day, written.refresh_token, written.authorization_code],
            );
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
    return status;
  }

  /** Each once a day per replica: from 80 % on, and at 100 %. */
  private warnNearLimit(status: QuotaStatus): void {
    const level =
      status.refreshGrants >= status.refreshGrantLimit
        ? 'used_up'
        : status.refreshGrants >= status.refreshGrantLimit * QUOTA_WARNING_SHARE
          ? 'near'
          : undefined;
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
