import { dailyRunSeconds } from './cron-schedule';
import type { EnvironmentVariables } from './environment-variables';

/** Every six hours, on the hour (UTC). */
export const DEFAULT_HEALTH_CHECK_CRON = '0 0 */6 * * *';

export interface HealthCheckSettings {
  readonly checkEnabled: boolean;
  readonly checkCron: string;
  readonly checkRunSeconds: readonly number[];
  readonly checkConcurrency: number;
  readonly eventsRetentionDays: number;
}

/**
 * The periodic health check's settings. Its schedule must run every day, like the refresher's:
 * replicas name a round by the run time it belongs to, read off the daily pattern.
 */
export function resolveHealthCheckSettings(env: EnvironmentVariables): HealthCheckSettings {
  const checkCron = env.HEALTH_CHECK_CRON ?? DEFAULT_HEALTH_CHECK_CRON;
  return {
    checkEnabled: env.HEALTH_CHECK_ENABLED ?? true,
    checkCron,
    checkRunSeconds: dailyRunSeconds('HEALTH_CHECK_CRON', checkCron),
    checkConcurrency: env.HEALTH_CHECK_CONCURRENCY ?? 4,
    eventsRetentionDays: env.HEALTH_EVENTS_RETENTION_DAYS ?? 90,
  };
}
