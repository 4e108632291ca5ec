import { Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { TokensConfig } from '../config/configuration';
import { RUN_CLAIM_SECONDS, WORST_REFRESH_SECONDS } from '../config/refresh-timing';
import { GrantCounter, QUOTA_WARNING_SHARE, type QuotaStatus } from './grant-counter';
import { type RecordedRun, RefreshRunRepository, type RunOutcomes } from './refresh-run.repository';
import { type TokenFleetCounts, TokenFleetRepository } from './token-fleet.repository';

/** A refresher that has not finished a run for this many schedule periods is not working. */
export const STALE_AFTER_PERIODS = 3;

/** Whether the fleet's background refresher is working, and where the day's quota stands. */
export interface RefresherStatus {
  readonly isWorking: boolean;
  readonly lastRun: RecordedRun | null;
  /** A run started recently and has not finished yet (a long backlog). */
  readonly isRunning: boolean;
  readonly quota: QuotaStatus;
  readonly quotaWarning: boolean;
  readonly quotaUsedUp: boolean;
}

/** The whole fleet of tokens and the refresher's last day, for the admin overview. */
export interface TokenFleet {
  readonly refresher: RefresherStatus;
  readonly tokens: TokenFleetCounts;
  readonly backgroundLast24h: RunOutcomes;
  readonly refreshHorizonSeconds: number;
}

/** For /health and the admin overview: what every replica's refresher has been doing. */
@Injectable()
export class RefresherStatusReader {
  constructor(
    private readonly runs: RefreshRunRepository,
    private readonly grants: GrantCounter,
    private readonly fleetCounts: TokenFleetRepository,
    private readonly clock: Clock,
    private readonly config: TokensConfig,
  ) {}

  async fleet(): Promise<TokenFleet> {
    const now = this.clock.now();
    const [refresher, tokens, backgroundLast24h] = await Promise.all([
      this.status(),
      this.fleetCounts.counts(now, this.config.refreshHorizonSeconds),
      this.runs.outcomesSince(new Date(now.getTime() - 24 * 3600 * 1000)),
    ]);
    return { refresher, tokens, backgroundLast24h, refreshHorizonSeconds: this.config.refreshHorizonSeconds };
  }

  async status(): Promise<RefresherStatus> {
    const now = this.clock.now().getTime();
    const staleMs = STALE_AFTER_PERIODS * this.config.refreshIntervalSeconds * 1000;
    // A run still claiming, or finishing what it claimed, is as good as a finished one.
    const runningSince = new Date(now - (RUN_CLAIM_SECONDS + WORST_REFRESH_SECONDS) * 1000 - staleMs);
    const [{ lastFinished, running }, quota] = await Promise.all([this.runs.latest(runningSince), this.grants.flush()]);
    const finishedRecently = lastFinished?.finishedAt != null && now - lastFinished.finishedAt.getTime() <= staleMs;
    return {
      isWorking: finishedRecently || running,
      lastRun: lastFinished,
      isRunning: running,
      quota,
      quotaWarning: quota.refreshGrants >= quota.refreshGrantLimit * QUOTA_WARNING_SHARE,
      quotaUsedUp: quota.refreshGrants >= quota.refreshGrantLimit,
    };
  }
}
