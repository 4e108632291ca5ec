import type { EventsConfig } from './configuration';
import { ConfigurationError } from './configuration.error';
import { effectiveEbayEnvironment, type EnvironmentVariables } from './environment-variables';

export const DEFAULT_WEBHOOK_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,14h,20h,24h';
/** Enough for 10 endpoints answering in 200 ms at 500 deliveries a second (README: Performance). */
export const DEFAULT_WEBHOOK_CONCURRENCY = 256;

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };
/** More retries than this, or a wait longer, is a typo: a delivery's schedule must end within the events' retention. */
const MAX_RETRIES = 30;
const MAX_WAIT_SECONDS = 7 * 86_400;

export function resolveEventsSettings(env: EnvironmentVariables, isProduction: boolean): EventsConfig {
  return {
    retentionDays: env.EVENTS_RETENTION_DAYS ?? 30,
    streamsPerUser: env.EVENTS_STREAMS_PER_USER ?? 5,
    webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS ?? 15_000,
    webhookRetryScheduleSeconds: parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE ?? DEFAULT_WEBHOOK_RETRY_SCHEDULE),
    // A laptop with the emulator has only local receivers; anything real must not reach inside.
    allowInsecureWebhookTargets:
      env.WEBHOOK_ALLOW_INSECURE_TARGETS ?? (!isProduction && effectiveEbayEnvironment(env) === 'emulator'),
    webhookConcurrency: env.WEBHOOK_CONCURRENCY ?? DEFAULT_WEBHOOK_CONCURRENCY,
  };
}

/** `5s,5m,2h,1d` → seconds, in order. */
export function parseRetrySchedule(schedule: string): number[] {
  const waits = schedule.split(',').map((part) => {
    const match = /^\s*(\d+)\s*([smhd])\s*$/.exec(part);
    if (match === null) throw new ConfigurationError(`Invalid configuration: WEBHOOK_RETRY_SCHEDULE has "${part.trim()}"`);
    return Number(match[1]) * UNIT_SECONDS[match[2]];
  });
  if (waits.length > MAX_RETRIES) {
    throw new ConfigurationError(`Invalid configuration: WEBHOOK_RETRY_SCHEDULE may have at most ${MAX_RETRIES} waits`);
  }
  if (waits.some((seconds) => seconds < 1 || seconds > MAX_WAIT_SECONDS)) {
    throw new ConfigurationError('Invalid configuration: each WEBHOOK_RETRY_SCHEDULE wait must be between 1s and 7d');
  }
  return waits;
}
