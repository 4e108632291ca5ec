import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, SchedulerRegistry } from '@nestjs/schedule';
import { CronTime } from 'cron';
import { mapWithConcurrency } from '../common/concurrency/map-with-concurrency';
import { Clock } from '../common/time/clock';
import { TokensConfig } from '../config/configuration';
import { CLAIM_LEASE_SECONDS, DEFAULT_REFRESH_CRON } from '../config/refresh-timing';
import { EbayTokenRepository } from './ebay-token.repository';
import { TokenService } from './token.service';

export const TOKEN_REFRESH_JOB = 'token-refresh';
/** Enough to drain a large backlog without one run holding on forever. */
const MAX_BATCHES_PER_RUN = 50;

export interface RefreshRunReport {
  readonly claimed: number;
  readonly refreshed: number;
  readonly failed: number;
}

/**
 * The background refresher: on TOKEN_REFRESH_CRON it claims tokens due within the horizon
 * (FOR UPDATE SKIP LOCKED, so N replicas split the work) and refreshes them with bounded
 * concurrency. Failures are recorded per token and retried with backoff, never in a loop.
 */
@Injectable()
export class TokenRefreshScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TokenRefreshScheduler');
  private running: Promise<RefreshRunReport> | undefined;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly tokens: EbayTokenRepository,
    private readonly service: TokenService,
    private readonly clock: Clock,
    private readonly config: TokensConfig,
  ) {}

  /**
   * The schedule in the decorator is a placeholder: the job starts stopped and takes its time
   * from configuration once the scheduler has registered it (ScheduleModule is global, so its
   * bootstrap runs first). A replica with TOKEN_REFRESH_ENABLED=false has no such job at all.
   */
  @Cron(DEFAULT_REFRESH_CRON, { name: TOKEN_REFRESH_JOB, waitForCompletion: true, disabled: true, timeZone: 'UTC' })
  async onSchedule(): Promise<void> {
    await this.runOnce();
  }

  onApplicationBootstrap(): void {
    if (!this.config.refreshEnabled) {
      this.registry.deleteCronJob(TOKEN_REFRESH_JOB);
      return;
    }
    const job = this.registry.getCronJob(TOKEN_REFRESH_JOB);
    job.setTime(new CronTime(this.config.refreshCron, 'UTC'));
    job.start();
  }

  /** Stops the schedule and lets a run in progress finish before the pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('cron', TOKEN_REFRESH_JOB)) await this.registry.getCronJob(TOKEN_REFRESH_JOB).stop();
    await this.running;
  }

  /** One pass over the due tokens; a pass already running in this process is joined, not doubled. */
  runOnce(): Promise<RefreshRunReport> {
    this.running ??= this.refreshDueTokens().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async refreshDueTokens(): Promise<RefreshRunReport> {
    const batchSize = this.config.refreshConcurrency * 4;
    let claimed = 0;
    let refreshed = 0;
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
        const accountIds = await this.tokens.claimDue(this.clock.now(), batchSize, CLAIM_LEASE_SECONDS);
        claimed += accountIds.length;
        const outcomes = await mapWithConcurrency(accountIds, this.config.refreshConcurrency, (accountId) =>
          this.service.refreshDue(accountId).then(
            () => true,
            () => false, // recorded on the token row and logged by TokenRefresher
          ),
        );
        refreshed += outcomes.filter(Boolean).length;
        if (accountIds.length < batchSize) break;
      }
    } catch (error) {
      this.logger.error(error instanceof Error ? error : String(error), 'The refresher run stopped early');
    }
    const report = { claimed, refreshed, failed: claimed - refreshed };
    if (claimed > 0) this.logger.log(report, 'Refreshed due tokens');
    return report;
  }
}
