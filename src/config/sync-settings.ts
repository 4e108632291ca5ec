import type { SyncConfig } from './configuration';
import { dailyRunSeconds } from './cron-schedule';
import type { EnvironmentVariables } from './environment-variables';

/** Every 15 minutes (UTC). */
export const DEFAULT_SYNC_CRON = '0 */15 * * * *';

/**
 * The periodic sync's settings. Its schedule must run every day, as the health check's does:
 * replicas name a periodic run by the scheduled time it belongs to, read off the daily pattern.
 */
export function resolveSyncSettings(env: EnvironmentVariables): SyncConfig {
  const cron = env.SYNC_CRON ?? DEFAULT_SYNC_CRON;
  return {
    enabled: env.SYNC_ENABLED ?? true,
    cron,
    runSeconds: dailyRunSeconds('SYNC_CRON', cron),
    concurrency: env.SYNC_CONCURRENCY ?? 4,
    backfillDays: env.SYNC_BACKFILL_DAYS ?? 90,
    overlapSeconds: env.SYNC_OVERLAP_SECONDS ?? 600,
  };
}
