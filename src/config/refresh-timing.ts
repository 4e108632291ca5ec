/**
 * Timing facts of the token refresher that configuration must respect: the horizon (how far
 * ahead of expiry the background refresher refreshes) has to cover the longest wait between
 * two runs, a claim abandoned by a crashed replica, and one slow refresh.
 */

/** A claimed refresh that a replica abandons (crash) becomes claimable again after this. */
export const CLAIM_LEASE_SECONDS = 120;

/** Longest one refresh may take: the eBay call (10 s timeout), a lease wait, the writes. */
export const WORST_REFRESH_SECONDS = 60;

/** The background refresher's default schedule: every 30 seconds. */
export const DEFAULT_REFRESH_CRON = '*/30 * * * * *';

/** Connections a replica keeps for requests beyond what its refresher may use at once. */
export const POOL_RESERVE_FOR_REQUESTS = 2;

/**
 * A refresher run keeps claiming due tokens for this long at most, then finishes what it
 * claimed; the next scheduled run goes on. It bounds a run, not the work: with more due than
 * a run can do, runs follow each other without a gap.
 */
export const RUN_CLAIM_SECONDS = 300;

/** TOKEN_WARM_WINDOW_SECONDS' default: a token used within a day stays warm. */
export const DEFAULT_WARM_WINDOW_SECONDS = 86_400;

/**
 * refresh_token grants eBay gives one application a day unless it asks for more (its quota
 * day starts at midnight America/Los_Angeles). Keeping a 2-hour token warm costs 12 a day.
 */
export const EBAY_DAILY_REFRESH_GRANTS = 50_000;
