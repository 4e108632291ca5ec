import { ConfigurationError } from './configuration.error';
import { longestCronGapSeconds } from './cron-schedule';
import type { RefreshPolicyName } from './configuration';
import type { EnvironmentVariables } from './environment-variables';
import {
  CLAIM_LEASE_SECONDS,
  DEFAULT_WARM_WINDOW_SECONDS,
  EBAY_DAILY_REFRESH_GRANTS,
  DEFAULT_REFRESH_CRON,
  POOL_RESERVE_FOR_REQUESTS,
  WORST_REFRESH_SECONDS,
} from './refresh-timing';

export interface RefreshSettings {
  readonly refreshEnabled: boolean;
  readonly refreshPolicy: RefreshPolicyName;
  readonly warmWindowSeconds: number;
  readonly dailyRefreshGrantLimit: number;
  readonly refreshCron: string;
  readonly refreshIntervalSeconds: number;
  readonly refreshHorizonSeconds: number;
  readonly refreshConcurrency: number;
}

/**
 * The background refresher's settings, checked against each other: the horizon must outlast
 * the longest wait between runs plus an abandoned claim plus one slow refresh, and the pool
 * must keep connections for requests while the refresher works.
 */
export function resolveRefreshSettings(env: EnvironmentVariables, poolSize: number | undefined): RefreshSettings {
  const refreshEnabled = env.TOKEN_REFRESH_ENABLED ?? true;
  const refreshCron = env.TOKEN_REFRESH_CRON ?? DEFAULT_REFRESH_CRON;
  const refreshIntervalSeconds = longestCronGapSeconds('TOKEN_REFRESH_CRON', refreshCron);
  const refreshHorizonSeconds = env.TOKEN_REFRESH_HORIZON_SECONDS ?? 900;
  const refreshConcurrency = env.TOKEN_REFRESH_CONCURRENCY ?? 8;

  const needed = refreshIntervalSeconds + CLAIM_LEASE_SECONDS + WORST_REFRESH_SECONDS;
  if (refreshHorizonSeconds <= needed) {
    throw new ConfigurationError(
      `TOKEN_REFRESH_HORIZON_SECONDS (${refreshHorizonSeconds}) must exceed ${needed}: the longest wait between two ` +
        `TOKEN_REFRESH_CRON runs (${refreshIntervalSeconds}) + an abandoned claim (${CLAIM_LEASE_SECONDS}) + a slow refresh ` +
        `(${WORST_REFRESH_SECONDS}), or tokens can expire before the refresher gets to them`,
    );
  }
  // The embedded database has one connection whatever the settings; nothing to check there.
  if (refreshEnabled && poolSize !== undefined && poolSize < refreshConcurrency + POOL_RESERVE_FOR_REQUESTS) {
    throw new ConfigurationError(
      `TOKEN_REFRESH_CONCURRENCY (${refreshConcurrency}) must leave at least ${POOL_RESERVE_FOR_REQUESTS} of ` +
        `DATABASE_POOL_SIZE (${poolSize}) connections for requests: lower it or raise the pool`,
    );
  }
  return {
    refreshEnabled,
    refreshCron,
    refreshIntervalSeconds,
    refreshHorizonSeconds,
    refreshConcurrency,
    refreshPolicy: env.TOKEN_REFRESH_POLICY ?? 'active',
    warmWindowSeconds: env.TOKEN_WARM_WINDOW_SECONDS ?? DEFAULT_WARM_WINDOW_SECONDS,
    dailyRefreshGrantLimit: env.EBAY_DAILY_REFRESH_GRANT_LIMIT ?? EBAY_DAILY_REFRESH_GRANTS,
  };
}
