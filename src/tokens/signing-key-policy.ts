/**
 * The timing rules of the keyset's signing key, apart from the I/O so they read and test as
 * rules: when a key is renewed, how long one process trusts what it read, and the lease that
 * lets only one replica ask eBay for a key.
 */

/** A key is replaced this long before eBay's expirationTime (its keys live for years). */
export const SIGNING_KEY_RENEWAL_SECONDS = 30 * 24 * 3600;

/**
 * A process uses the key it read for at most this long before reading the row again, so a
 * key another replica renewed reaches every replica within a minute.
 */
export const SIGNING_KEY_CACHE_SECONDS = 60;

/**
 * While a renewal is due but not done (another replica holds the lease, or the last try
 * failed), the current key is read again this often.
 */
export const SIGNING_KEY_RECHECK_SECONDS = 5;

/**
 * After eBay failed to make a key that was missing, this process answers 503 for this long
 * before asking again, rather than once per request.
 */
export const SIGNING_KEY_RETRY_SECONDS = 5;
/** After a renewal failed (the current key still signs), this process tries again this much later. */
export const SIGNING_KEY_RENEWAL_RETRY_SECONDS = 60;

/**
 * How long one creation holds the keyset's lease: longer than the application token and the
 * create call may take (10 s timeout each), short enough that a crashed holder is soon replaced.
 */
export const SIGNING_KEY_LEASE_SECONDS = 30;
/** A request that needs a key waits this long at most for another replica to make it, then 503. */
export const SIGNING_KEY_WAIT_LIMIT_MS = (SIGNING_KEY_LEASE_SECONDS + 5) * 1000;

/**
 * When a key made at `createdAt` that expires at `expiresAt` is replaced: the renewal period
 * ahead of expiry, or at half its life for keys shorter than two periods.
 */
export function signingKeyRenewAt(createdAt: Date, expiresAt: Date): Date {
  const lifetimeMs = expiresAt.getTime() - createdAt.getTime();
  const aheadMs = Math.min(SIGNING_KEY_RENEWAL_SECONDS * 1000, lifetimeMs / 2);
  return new Date(expiresAt.getTime() - aheadMs);
}

/** A key signs only until eBay's expirationTime. */
export function isSigningKeyUsable(expiresAt: Date, now: Date): boolean {
  return now.getTime() < expiresAt.getTime();
}

/**
 * Until when a process may use a key it just read without reading the row again: the cache
 * period, cut short by the key's renewal time; a key already due is checked again soon.
 */
export function signingKeyCheckAgainAt(renewAt: Date, now: Date): Date {
  const cacheEnd = now.getTime() + SIGNING_KEY_CACHE_SECONDS * 1000;
  if (renewAt.getTime() <= now.getTime()) return new Date(now.getTime() + SIGNING_KEY_RECHECK_SECONDS * 1000);
  return new Date(Math.min(cacheEnd, renewAt.getTime()));
}
