/** From this share of the day's refresh grants on, the service warns. */
export const QUOTA_WARNING_SHARE = 0.8;

/** The levels a day's refresh grants are warned about, in percent of eBay's daily limit. */
export type QuotaWarningLevel = 0 | 80 | 100;

/** The highest level `grants` of `limit` has reached: 100 when used up, 80 from 80 % on, else 0. */
export function quotaWarningLevel(grants: number, limit: number): QuotaWarningLevel {
  if (grants >= limit) return 100;
  if (grants >= limit * QUOTA_WARNING_SHARE) return 80;
  return 0;
}
