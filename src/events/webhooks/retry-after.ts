/** The longest wait a receiver's Retry-After may ask for; a longer one is read as this. */
export const MAX_RETRY_AFTER_SECONDS = 86_400;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = MONTHS.join('|');
const DAY = 'Mon|Tue|Wed|Thu|Fri|Sat|Sun';
const LONG_DAY = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

// The three HTTP-date forms a recipient must accept (RFC 9110 §5.6.7). Date.parse is not used:
// it reads almost anything as a date ("1 2", "soon 5") and reads asctime in local time.
const IMF_FIXDATE = new RegExp(`^(?:${DAY}), (\\d{2}) (${MONTH}) (\\d{4}) ${TIME} GMT$`);
const RFC_850 = new RegExp(`^(?:${LONG_DAY}), (\\d{2})-(${MONTH})-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^(?:${DAY}) (${MONTH}) ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/**
 * A Retry-After header as whole seconds from `now`, between 0 and a day: delta-seconds
 * ("120") or an HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT"). Undefined when absent or
 * unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfterSeconds(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS);
  const at = parseHttpDate(text, now);
  if (at === undefined) return undefined;
  const seconds = Math.ceil((at - now.getTime()) / 1000);
  return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
}

/** Milliseconds since the epoch of an HTTP-date, or undefined when it is not one. */
function parseHttpDate(text: string, now: Date): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match !== null) {
    const [, day, month, year, hour, minute, second] = match;
    return utc(Number(year), month, day, hour, minute, second);
  }
  match = RFC_850.exec(text);
  if (match !== null) {
    const [, day, month, shortYear, hour, minute, second] = match;
    return utc(fullYear(Number(shortYear), now), month, day, hour, minute, second);
  }
  match = ASCTIME.exec(text);
  if (match !== null) {
    const [, month, day, hour, minute, second, year] = match;
    return utc(Number(year), month, day, hour, minute, second);
  }
  return undefined;
}

// RFC 9110: a two-digit year more than 50 years ahead is the latest past year ending so.
function fullYear(shortYear: number, now: Date): number {
  const thisYear = now.getUTCFullYear();
  const candidate = Math.floor(thisYear / 100) * 100 + shortYear;
  return candidate > thisYear + 50 ? candidate - 100 : candidate;
}

function utc(
  year: number,
  monthName: string | undefined,
  dayText: string | undefined,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
): number | undefined {
  const month = MONTHS.indexOf(monthName ?? '');
  const [day, hour, minute, second] = [dayText, hourText, minuteText, secondText].map((part) => Number(part?.trim()));
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const at = new Date(Date.UTC(year, month, day, hour, minute, Math.min(second, 59)));
  // Date.UTC rolls 31 Feb over into March; such a date is not one.
  return at.getUTCDate() === day && at.getUTCMonth() === month ? at.getTime() : undefined;
}
