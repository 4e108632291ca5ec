/**
 * The timing rules of the token lifecycle, kept apart from the I/O so they can be read and
 * tested as rules.
 */

/** getAccessToken hands out tokens valid for at least this long; closer to expiry, it refreshes. */
export const ACCESS_TOKEN_MARGIN_SECONDS = 300;

/** Within this much of the refresh token's end, an account shows "reconnect soon". */
export const RECONNECT_SOON_SECONDS = 30 * 24 * 3600;

/**
 * How long one refresh attempt holds an account's lease: longer than eBay's token call may
 * take (10 s timeout) plus its writes, short enough that a crashed holder is soon replaced.
 */
export const REFRESH_LEASE_SECONDS = 30;
/** A caller waits this long at most for another replica's refresh, then gives up (503). */
export const LEASE_WAIT_LIMIT_MS = (REFRESH_LEASE_SECONDS + 5) * 1000;
/** eBay's Retry-After is honoured up to a day; longer would park an account for good. */
const LONGEST_RETRY_AFTER_SECONDS = 24 * 3600;

const FIRST_RETRY_SECONDS = 30;
const LONGEST_RETRY_SECONDS = 3600;

/**
 * When the background refresher should refresh a token that expires at `expiresAt`: one
 * horizon ahead of expiry, or at half its life for tokens shorter than two horizons.
 */
export function nextRefreshAt(now: Date, expiresAt: Date, horizonSeconds: number): Date {
  const lifetimeMs = expiresAt.getTime() - now.getTime();
  const leadMs = Math.min(horizonSeconds * 1000, lifetimeMs / 2);
  return new Date(expiresAt.getTime() - Math.max(0, leadMs));
}

/**
 * How long to wait before retrying after the n-th consecutive failure: exponential from 30 s,
 * capped at an hour, with "equal jitter" (half fixed, half random) so replicas and accounts
 * that failed together do not retry together.
 */
export function retryDelaySeconds(consecutiveFailures: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, consecutiveFailures - 1);
  const ceiling = Math.min(LONGEST_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.min(exponent, 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * When to try again after a failed refresh: the backoff, or eBay's Retry-After when that is
 * longer (a 429 that says "an hour" means an hour, not 30 s).
 */
export function failureDelaySeconds(
  consecutiveFailures: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  const backoff = retryDelaySeconds(consecutiveFailures, random);
  return Math.max(backoff, Math.min(retryAfterSeconds ?? 0, LONGEST_RETRY_AFTER_SECONDS));
}

/** True while the token stays valid for at least `seconds` more. */
export function isValidFor(expiresAt: Date | null, now: Date, seconds: number): boolean {
  return expiresAt !== null && expiresAt.getTime() - now.getTime() > seconds * 1000;
}
