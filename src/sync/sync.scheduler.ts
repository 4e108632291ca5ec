import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, SchedulerRegistry } from '@nestjs/schedule';
import { CronTime } from 'cron';
import { accountStatusOf, type AccountView, AccountsService } from '../accounts';
import { mapWithConcurrency } from '../common/concurrency/map-with-concurrency';
import { Clock } from '../common/time/clock';
import { scheduledRunNearest } from '../common/time/scheduled-run';
import { SyncConfig } from '../config/configuration';
import { DEFAULT_SYNC_CRON } from '../config/sync-settings';
import { SyncCursorRepository } from './sync-cursor.repository';
import { SYNC_RESOURCES, type SyncResource } from './sync-resource';
import { SyncRuns } from './sync-runs';

export const SYNC_JOB = 'sync';

/** This replica's share of one periodic run. */
export interface PeriodicSyncReport {
  readonly scheduledAt: Date;
  /** Pairs this replica synced to the end of their range. */
  readonly synced: number;
  /** Pairs this replica stopped at the page bound; the next run carries on. */
  readonly incomplete: number;
  readonly failed: number;
  /** Pairs another replica held or had synced since the scheduled time. */
  readonly taken: number;
  /** Accounts in reauth_required, passed by. */
  readonly skipped: number;
}

/**
 * The periodic sync: on SYNC_CRON every replica goes through every active selling account's
 * orders and transactions in its own random order, SYNC_CONCURRENCY at a time, and syncs the
 * pairs no run has started on since the scheduled time (the lease in SyncCursorRepository
 * makes each pair one replica's). Accounts that need a reconnect are passed by, and their
 * cursors say so. Nothing runs at boot.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SyncScheduler');

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly accounts: AccountsService,
    private readonly cursors: SyncCursorRepository,
    private readonly runs: SyncRuns,
    private readonly clock: Clock,
    private readonly config: SyncConfig,
  ) {}

  /** The decorator's schedule is a placeholder: the job takes SYNC_CRON at bootstrap. */
  @Cron(DEFAULT_SYNC_CRON, { name: SYNC_JOB, waitForCompletion: true, disabled: true, timeZone: 'UTC' })
  async onSchedule(): Promise<void> {
    try {
      await this.runPeriodic(scheduledRunNearest(this.clock.now(), this.config.runSeconds));
    } catch (error) {
      this.logger.error({ err: error }, 'The periodic sync could not start');
    }
  }

  onApplicationBootstrap(): void {
    if (!this.config.enabled) {
      this.registry.deleteCronJob(SYNC_JOB);
      return;
    }
    const job = this.registry.getCronJob(SYNC_JOB);
    job.setTime(new CronTime(this.config.cron, 'UTC'));
    job.start();
  }

  /** No new periodic run starts; SyncRuns lets the runs in flight finish their page. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('cron', SYNC_JOB)) await this.registry.getCronJob(SYNC_JOB).stop();
  }

  /** Takes part in the periodic run scheduled at `scheduledAt`. */
  async runPeriodic(scheduledAt: Date): Promise<PeriodicSyncReport> {
    const accounts = await this.accounts.sellingAccounts();
    const needReconnect = accounts.filter((view) => accountStatusOf(view) === 'reauth_required');
    const syncable = accounts.filter((view) => accountStatusOf(view) === 'active');
    await this.cursors.ensure(accounts.map((view) => view.account.id));
    await this.cursors.markSkipped(
      needReconnect.map((view) => view.account.id),
      'reauth_required',
    );
    const pairs = shuffled(syncable.flatMap((view) => SYNC_RESOURCES.map((resource) => ({ view, resource }))));
    const outcomes = await mapWithConcurrency(pairs, this.config.concurrency, (pair) => this.runPair(pair, scheduledAt));
    const report: PeriodicSyncReport = {
      scheduledAt,
      synced: outcomes.filter((outcome) => outcome === 'synced').length,
      incomplete: outcomes.filter((outcome) => outcome === 'incomplete').length,
      failed: outcomes.filter((outcome) => outcome === 'failed').length,
      taken: outcomes.filter((outcome) => outcome === 'taken').length,
      skipped: needReconnect.length,
    };
    this.logger.log(report, 'Periodic sync done');
    return report;
  }

  private async runPair(
    pair: { readonly view: AccountView; readonly resource: SyncResource },
    scheduledAt: Date,
  ): Promise<'synced' | 'incomplete' | 'failed' | 'taken'> {
    try {
      const run = await this.runs.runDue(pair.view, pair.resource, scheduledAt);
      if (run.kind === 'taken') return 'taken';
      return run.result.complete ? 'synced' : 'incomplete';
    } catch {
      // ResourceSync logged it and recorded it on the cursor.
      return 'failed';
    }
  }
}

/** Fisher–Yates: replicas going through the same pairs rarely meet on one. */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
