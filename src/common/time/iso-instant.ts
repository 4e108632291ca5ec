/**
 * An ISO 8601 date-time with its UTC offset, to the microsecond (PostgreSQL's precision):
 * `2026-01-02T10:00:00Z`, `2026-01-02T10:00:00.123456+02:00`. A date alone, a time without an
 * offset, or a value PostgreSQL would refuse or silently roll over (30 February, 24:00, second
 * 60, year 0) is not one, so what passes reaches the database as exactly the instant it names.
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Real offsets run from -12:00 to +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

/** The instant the text names, in microseconds since 1970 UTC; undefined when it is not one. */
export function epochMicrosecondsOf(text: string): bigint | undefined {
  const match = ISO_INSTANT.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const [fraction = '', sign, offsetHours = '00', offsetMinutes = '00'] = match.slice(7);
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  if (year < 1 || hour > 23 || minute > 59 || second > 59 || Number(offsetMinutes) > 59) return undefined;
  if (Math.abs(offset) > MAX_OFFSET_MINUTES) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  // setUTCFullYear rolls 30 February over into March: a rolled date was no date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const localMilliseconds = BigInt(date.getTime());
  return (localMilliseconds - BigInt(offset) * 60_000n) * 1000n + BigInt(fraction.padEnd(6, '0'));
}

/** Whether the text names an instant; see epochMicrosecondsOf. */
export function isIsoInstant(text: string): boolean {
  return epochMicrosecondsOf(text) !== undefined;
}
