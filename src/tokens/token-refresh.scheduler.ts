import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, SchedulerRegistry } from '@nestjs/schedule';
import { CronTime } from 'cron';
import { Clock } from '../common/time/clock';
import { TokensConfig } from '../config/configuration';
import { CLAIM_LEASE_SECONDS, DEFAULT_REFRESH_CRON, RUN_CLAIM_SECONDS } from '../config/refresh-timing';
import { EbayTokenRepository } from './ebay-token.repository';
import { REFRESH_LEASE_SECONDS } from './refresh-policy';
import { RefreshRun, type RefreshRunReport } from './refresh-run';
import { TokenService } from './token.service';

export const TOKEN_REFRESH_JOB = 'token-refresh';
export type { RefreshRunReport } from './refresh-run';

/**
 * The background refresher: at boot and then on TOKEN_REFRESH_CRON it refreshes every token
 * due within the horizon, `TOKEN_REFRESH_CONCURRENCY` at a time, claiming them as it goes
 * (SKIP LOCKED, so N replicas split the work). Failures are recorded per token and retried
 * with backoff, never in a loop.
 */
@Injectable()
export class TokenRefreshScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TokenRefreshScheduler');
  private current: { readonly run: RefreshRun; readonly report: Promise<RefreshRunReport> } | undefined;

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

  /**
   * Starts the schedule, and a first run now: a replica that starts after an outage (or the
   * first of a fleet) should not leave a backlog waiting for the first tick.
   */
  onApplicationBootstrap(): void {
    if (!this.config.refreshEnabled) {
      this.registry.deleteCronJob(TOKEN_REFRESH_JOB);
      return;
    }
    const job = this.registry.getCronJob(TOKEN_REFRESH_JOB);
    job.setTime(new CronTime(this.config.refreshCron, 'UTC'));
    job.start();
    void this.runOnce();
  }

  /** Stops the schedule, lets refreshes in flight finish and gives the rest of the claims back. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('cron', TOKEN_REFRESH_JOB)) await this.registry.getCronJob(TOKEN_REFRESH_JOB).stop();
    this.current?.run.stop();
    await this.current?.report;
  }

  /** One run over the due tokens; a run already going in this process is joined, not doubled. */
  runOnce(): Promise<RefreshRunReport> {
    if (this.current === undefined) {
      const run = new RefreshRun(
        {
          claim: (limit) => this.tokens.claimDue(this.clock.now(), limit, REFRESH_LEASE_SECONDS, CLAIM_LEASE_SECONDS),
          refresh: (token) => this.service.refreshClaimed(token),
          giveBack: (claim) => this.tokens.returnClaim(claim, this.clock.now()),
        },
        { concurrency: this.config.refreshConcurrency, claimForMs: RUN_CLAIM_SECONDS * 1000 },
      );
      const report = this.finish(run).finally(() => {
        this.current = undefined;
      });
      this.current = { run, report };
    }
    return this.current.report;
  }

  private async finish(run: RefreshRun): Promise<RefreshRunReport> {
    const report = await run.execute();
    if (run.claimFailure !== undefined) {
      const failure = run.claimFailure;
      this.logger.error(failure instanceof Error ? failure : String(failure), 'The refresher run stopped early');
    }
    if (report.claimed > 0) this.logger.log(report, 'Refreshed due tokens');
    return report;
  }
}
