import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts';
import { Clock } from '../common/time/clock';
import { LastRoundReader } from '../health';
import { type RecordedRun, RefresherStatusReader } from '../tokens';
import type { AdminOverviewResponse, RefresherRunView } from './dto/admin-overview.response';

/** The admin overview, gathered from the modules that own each part. */
@Injectable()
export class AdminOverviewService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly refresher: RefresherStatusReader,
    private readonly rounds: LastRoundReader,
    private readonly clock: Clock,
  ) {}

  async overview(): Promise<AdminOverviewResponse> {
    const [states, fleet, round] = await Promise.all([
      this.accounts.countByState(),
      this.refresher.fleet(),
      this.rounds.lastFinished(),
    ]);
    const { quota } = fleet.refresher;
    return {
      generatedAt: this.clock.now().toISOString(),
      accounts: {
        // A token needing a reconnect belongs to an active account (a disconnect wipes it).
        active: Math.max(0, states.active - fleet.tokens.reauthRequired),
        reauthRequired: fleet.tokens.reauthRequired,
        disconnected: states.disconnected,
        deleted: states.deleted,
      },
      tokens: {
        expiringWithinHorizon: fleet.tokens.expiringWithinHorizon,
        refreshHorizonSeconds: fleet.refreshHorizonSeconds,
        dueNow: fleet.tokens.dueNow,
        failingLast24h: fleet.tokens.failingLast24h,
      },
      refresher: {
        working: fleet.refresher.isWorking,
        running: fleet.refresher.isRunning,
        ...(fleet.refresher.lastRun === null ? {} : { lastRun: runView(fleet.refresher.lastRun) }),
        last24h: fleet.backgroundLast24h,
      },
      quota: {
        day: quota.day,
        refreshGrants: quota.refreshGrants,
        refreshGrantLimit: quota.refreshGrantLimit,
        authorizationCodeGrants: quota.authorizationCodeGrants,
        warning: fleet.refresher.quotaWarning,
        usedUp: fleet.refresher.quotaUsedUp,
      },
      ...(round === null
        ? {}
        : {
            lastHealthRound: {
              scheduledAt: round.scheduledAt.toISOString(),
              finishedAt: round.finishedAt.toISOString(),
              checked: round.checked,
              unhealthy: round.unhealthy,
              unhealthyAccounts: round.unhealthyAccounts.map((account) => ({ ...account })),
            },
          }),
    };
  }
}

function runView(run: RecordedRun): RefresherRunView {
  return {
    replica: run.replica,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    claimed: run.claimed,
    refreshed: run.refreshed,
    failed: run.failed,
    returned: run.returned,
    stoppedBy: run.stoppedBy,
  };
}
