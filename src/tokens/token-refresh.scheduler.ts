import { hostname } from 'node:os';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, SchedulerRegistry } from '@nestjs/schedule';
import { CronTime } from 'cron';
import { Clock } from '../common/time/clock';
import { TokensConfig } from '../config/configuration';
import { CLAIM_LEASE_SECONDS, DEFAULT_REFRESH_CRON, RUN_CLAIM_SECONDS } from '../config/refresh-timing';
import { EbayTokenRepository, type WarmTokens } from './ebay-token.repository';
import type { RunStop } from './entities/token-refresh-run.entity';
import { GrantCounter } from './grant-counter';
import { RefreshRunRepository } from './refresh-run.repository';
import { REFRESH_LEASE_SECONDS } from './refresh-policy';
import { RefreshRun, type RefreshRunReport } from './refresh-run';
import { TokenService } from './token.service';

export const TOKEN_REFRESH_JOB = 'token-refresh';
export type { RefreshRunReport } from './refresh-run';

/**
 * The background refresher: at boot and then on TOKEN_REFRESH_CRON it refreshes every token
 * due within the horizon (of those TOKEN_REFRESH_POLICY keeps warm), `TOKEN_REFRESH_CONCURRENCY`
 * at a time, claiming them as it goes (SKIP LOCKED, so N replicas split the work) while eBay's
 * daily grants last. Failures are recorded per token and retried with backoff, never in a loop.
 * Each run is recorded in token_refresh_runs.
 */
@Injectable()
export class TokenRefreshScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TokenRefreshScheduler');
  private current: { readonly run: RefreshRun; readonly report: Promise<RefreshRunReport> } | undefined;
  /** How the runs table names this replica: the host (the pod, in Kubernetes) and the process. */
  private readonly replica = `${hostname()}:${process.pid}`.slice(0, 200);
  private readonly warm: WarmTokens;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly tokens: EbayTokenRepository,
    private readonly service: TokenService,
    private readonly grants: GrantCounter,
    private readonly runs: RefreshRunRepository,
    private readonly clock: Clock,
    private readonly config: TokensConfig,
  ) {
    this.warm = { usedWithinSeconds: config.refreshPolicy === 'all' ? undefined : config.warmWindowSeconds };
  }

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

  /** Stops the schedule, lets refreshes in flight finish, gives the rest of the claims back and writes their grants. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('cron', TOKEN_REFRESH_JOB)) await this.registry.getCronJob(TOKEN_REFRESH_JOB).stop();
    this.current?.run.stop();
    await this.current?.report;
    // The grants of the refreshes that were still in flight, before the pool closes.
    await this.grants.flush().catch(() => undefined);
  }

  /** One run over the due tokens; a run already going in this process is joined, not doubled. */
  runOnce(): Promise<RefreshRunReport> {
    if (this.current === undefined) {
      let isQuotaReached = false;
      const run = new RefreshRun(
        {
          claim: async (limit) => {
            const now = this.clock.now();
            // Every replica's grants so far today, this one's included: the quota is the app's.
            const quota = await this.grants.flush();
            const left = quota.refreshGrantLimit - quota.refreshGrants;
            if (left <= 0) {
              isQuotaReached = true;
              return { tokens: [], heldUntil: now };
            }
            const claim = await this.tokens.claimDue(now, Math.min(limit, left), REFRESH_LEASE_SECONDS, CLAIM_LEASE_SECONDS, this.warm);
            // Cut short by the quota, not by a lack of due tokens: the run ends here for that reason.
            if (left < limit && claim.tokens.length === left) isQuotaReached = true;
            return claim;
          },
          refresh: (token) => this.service.refreshClaimed(token),
          giveBack: (claim) => this.tokens.returnClaim(claim, this.clock.now()),
        },
        { concurrency: this.config.refreshConcurrency, claimForMs: RUN_CLAIM_SECONDS * 1000 },
      );
      const report = this.execute(run, () => isQuotaReached).finally(() => {
        this.current = undefined;
      });
      this.current = { run, report };
    }
    return this.current.report;
  }

  /** Runs it, with its row in token_refresh_runs (best effort: the refreshing matters more). */
  private async execute(run: RefreshRun, isQuotaReached: () => boolean): Promise<RefreshRunReport> {
    const runId = await this.runs.start(this.replica, this.clock.now()).catch((error: unknown) => {
      this.logger.warn({ error: String(error) }, 'Could not record the start of a refresher run');
      return undefined;
    });
    const report = await run.execute();
    const failure = run.claimFailure;
    if (failure !== undefined) {
      this.logger.error(failure instanceof Error ? failure : String(failure), 'The refresher run stopped early');
    }
    const stoppedBy: RunStop | null = failure !== undefined ? 'claim_failed' : isQuotaReached() ? 'quota' : null;
    if (report.claimed > 0 || stoppedBy !== null) this.logger.log({ ...report, stoppedBy }, 'Refreshed due tokens');
    if (runId !== undefined) {
      await this.runs.finish(runId, report, stoppedBy, this.clock.now()).catch((error: unknown) => {
        this.logger.warn({ error: String(error) }, 'Could not record the end of a refresher run');
      });
    }
    return report;
  }
}
