import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, SchedulerRegistry } from '@nestjs/schedule';
import { CronTime } from 'cron';
import { AccountsService } from '../accounts';
import { Clock } from '../common/time/clock';
import { HealthConfig } from '../config/configuration';
import { DEFAULT_HEALTH_CHECK_CRON } from '../config/health-check-settings';
import { AccountHealthChecker } from './account-health-checker';
import { scheduledRunNearest } from '../common/time/scheduled-run';
import { HealthCheckRound, type HealthCheckRoundReport } from './health-check-round';
import { HealthCheckRoundRepository, type JoinedRound } from './health-check-round.repository';
import { HealthEventRepository } from './health-event.repository';
import { HealthRecorder } from './health-recorder';
import { replicaName } from '../common/process/replica-name';

export const HEALTH_CHECK_JOB = 'health-check';
/**
 * A claim whose replica died is free again after this: longer than the slowest check (a
 * refresh and a lease wait, then four calls of up to 10 s with their backoff).
 */
export const CHECK_LEASE_SECONDS = 180;
/** Rounds are coordination, not history: a week is plenty to see how the last ones went. */
export const ROUND_RETENTION_DAYS = 7;
const DAY_MS = 86_400_000;

/** This replica's share of a round, and the round it was. */
export interface HealthCheckRoundSummary extends HealthCheckRoundReport {
  readonly roundId: string;
  readonly scheduledAt: Date;
}

/**
 * The periodic live check: on HEALTH_CHECK_CRON every replica joins the round of that
 * scheduled run, and together they check each active account once (the claims in
 * HealthCheckRoundRepository), `HEALTH_CHECK_CONCURRENCY` at a time per replica. The replica
 * that creates a round prunes the history. Nothing runs at boot: a round belongs to a
 * scheduled time, and a restart is not one.
 */
@Injectable()
export class HealthCheckRoundScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('HealthCheckRoundScheduler');
  private readonly replica = replicaName();
  private readonly running = new Set<{ readonly round: HealthCheckRound; readonly done: Promise<unknown> }>();

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly rounds: HealthCheckRoundRepository,
    private readonly events: HealthEventRepository,
    private readonly checker: AccountHealthChecker,
    private readonly recorder: HealthRecorder,
    private readonly accounts: AccountsService,
    private readonly clock: Clock,
    private readonly config: HealthConfig,
  ) {}

  /**
   * The schedule in the decorator is a placeholder: the job starts stopped and takes its time
   * from configuration at bootstrap (as the token refresher's does). A replica with
   * HEALTH_CHECK_ENABLED=false has no such job.
   */
  @Cron(DEFAULT_HEALTH_CHECK_CRON, { name: HEALTH_CHECK_JOB, waitForCompletion: true, disabled: true, timeZone: 'UTC' })
  async onSchedule(): Promise<void> {
    try {
      await this.runRound(scheduledRunNearest(this.clock.now(), this.config.checkRunSeconds));
    } catch (error) {
      this.logger.error({ err: error }, 'The health check round could not start');
    }
  }

  /** Starts the schedule (ScheduleModule is global, so it has registered the job by now). */
  onApplicationBootstrap(): void {
    if (!this.config.checkEnabled) {
      this.registry.deleteCronJob(HEALTH_CHECK_JOB);
      return;
    }
    const job = this.registry.getCronJob(HEALTH_CHECK_JOB);
    job.setTime(new CronTime(this.config.checkCron, 'UTC'));
    job.start();
  }

  /** Stops the schedule and lets the checks in flight finish and be recorded. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('cron', HEALTH_CHECK_JOB)) await this.registry.getCronJob(HEALTH_CHECK_JOB).stop();
    for (const { round } of this.running) round.stop();
    await Promise.all([...this.running].map(({ done }) => done));
  }

  /**
   * Takes part in the round of the run scheduled at `scheduledAt`, creating it (with every
   * account active now) if no replica has yet. Called again for the same run, it finds
   * nothing left to check.
   */
  async runRound(scheduledAt: Date): Promise<HealthCheckRoundSummary> {
    const { roundId, created } = await this.join(scheduledAt);
    // The replica that made the round prunes, beside its checks rather than before them.
    const pruning = created ? this.prune() : Promise.resolve();
    const round = new HealthCheckRound(
      {
        claim: () => this.rounds.claimNext(roundId, this.replica, CHECK_LEASE_SECONDS),
        check: (accountId) => this.checker.check(accountId),
        complete: (claim, result) => this.recorder.completeClaim(claim, result),
        failed: (claim, error) =>
          this.logger.error({ err: error, accountId: claim.accountId, roundId }, 'A health check could not be recorded'),
      },
      this.config.checkConcurrency,
    );
    const done = round.execute();
    const running = { round, done };
    this.running.add(running);
    try {
      const report = await done;
      if (round.claimFailure !== undefined) {
        this.logger.error({ err: round.claimFailure, roundId }, 'The health check round stopped early');
      }
      const hasFinished = await this.rounds.finishIfDone(roundId);
      this.logger.log({ roundId, scheduledAt, ...report, hasFinished }, 'Checked accounts’ health');
      return { roundId, scheduledAt, ...report };
    } finally {
      this.running.delete(running);
      await pruning;
    }
  }

  private async join(scheduledAt: Date): Promise<JoinedRound> {
    const existing = await this.rounds.find(scheduledAt);
    if (existing !== null) return { roundId: existing, created: false };
    return this.rounds.createOrJoin(scheduledAt, this.replica, await this.accounts.activeAccountIds());
  }

  /** The history past HEALTH_EVENTS_RETENTION_DAYS, and rounds past a week, once per round. */
  private async prune(): Promise<void> {
    const now = this.clock.now().getTime();
    try {
      const events = await this.events.pruneBefore(new Date(now - this.config.eventsRetentionDays * DAY_MS));
      const rounds = await this.rounds.pruneBefore(new Date(now - ROUND_RETENTION_DAYS * DAY_MS));
      if (events > 0 || rounds > 0) this.logger.log({ events, rounds }, 'Pruned old health checks');
    } catch (error) {
      this.logger.error({ err: error }, 'Pruning old health checks failed');
    }
  }
}
