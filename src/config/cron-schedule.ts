import { CronTime, validateCronExpression } from 'cron';
import { ConfigurationError } from './configuration.error';

const SECONDS_PER_DAY = 86_400;

/**
 * When a cron schedule read in UTC runs, as seconds after midnight, ascending. The schedule
 * must fire every day (day-of-month, month and weekday fields `*`): a refresher that skips
 * days lets tokens expire, and a daily pattern is what lets replicas agree on a run's time
 * (src/common/time/scheduled-run.ts). Computed from the expanded fields, not by asking the cron
 * library for upcoming dates, which costs milliseconds per date.
 */
export function dailyRunSeconds(variable: string, expression: string): number[] {
  const validity = validateCronExpression(expression);
  if (!validity.valid) {
    throw new ConfigurationError(`${variable} "${expression}" is not a cron expression (${validity.error?.message ?? 'invalid'})`);
  }
  const [seconds, minutes, hours, ...days] = new CronTime(expression, 'UTC').toJSON();
  if (days.some((field) => field !== '*')) {
    throw new ConfigurationError(`${variable} must run every day: leave its day, month and weekday fields as *`);
  }
  const times: number[] = [];
  for (const hour of values(hours, 24)) {
    for (const minute of values(minutes, 60)) {
      for (const second of values(seconds, 60)) times.push(hour * 3600 + minute * 60 + second);
    }
  }
  return times.sort((a, b) => a - b);
}

/** The longest wait between two runs of a daily cron schedule read in UTC, in seconds. */
export function longestCronGapSeconds(variable: string, expression: string): number {
  return longestGapSeconds(dailyRunSeconds(variable, expression));
}

/** The longest wait between two of these daily run times (seconds after midnight, ascending). */
function longestGapSeconds(times: readonly number[]): number {
  let longest = times[0] + SECONDS_PER_DAY - times[times.length - 1];
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i] - times[i - 1]);
  return longest;
}

/** The values of one expanded cron field ("*" or a comma-separated list). */
function values(field: string, count: number): number[] {
  return field === '*' ? Array.from({ length: count }, (_, i) => i) : field.split(',').map(Number);
}
