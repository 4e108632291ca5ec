import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { withTimeout } from '../common/time/with-timeout';
import { RefresherStatusReader } from '../tokens';

/**
 * Down when no replica's background refresher has finished a run within three schedule
 * periods (and none is working through a backlog): tokens would expire unseen. Its details
 * carry the day's eBay grants; from 80 % of the quota they say so. Only on /health, never on
 * readiness: a stalled refresher or a slow eBay must not take every replica out of service.
 */
@Injectable()
export class TokenRefresherHealthIndicator {
  constructor(
    private readonly refresher: RefresherStatusReader,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check<Key extends string>(key: Key, timeoutMs: number): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    let status;
    try {
      status = await withTimeout(this.refresher.status(), timeoutMs);
    } catch {
      return indicator.down({ message: 'Could not read the refresher runs' });
    }
    const details = {
      lastRunFinishedAt: status.lastRun?.finishedAt?.toISOString() ?? null,
      running: status.isRunning,
      quotaDay: status.quota.day,
      refreshGrantsToday: status.quota.refreshGrants,
      refreshGrantLimit: status.quota.refreshGrantLimit,
      ...(status.quotaUsedUp
        ? { quota: 'used up: background refreshes wait for the next eBay quota day' }
        : status.quotaWarning
          ? { quota: 'over 80 % used' }
          : {}),
    };
    return status.isWorking
      ? indicator.up(details)
      : indicator.down({ ...details, message: 'No refresher run has finished within three schedule periods' });
  }
}
