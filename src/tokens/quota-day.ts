/** eBay counts an application's daily call limits from midnight in this time zone. */
export const EBAY_QUOTA_TIME_ZONE = 'America/Los_Angeles';

const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: EBAY_QUOTA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The eBay quota day `now` falls in, as YYYY-MM-DD (Pacific time, daylight saving included). */
export function quotaDay(now: Date): string {
  return DAY_FORMAT.format(now);
}
