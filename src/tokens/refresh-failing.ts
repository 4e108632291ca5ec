/**
 * When refreshes that keep failing for a reason that may pass (eBay down, throttling) are worth
 * telling a client about (account.refresh_failing): once per run of failures, and only when
 * the run threatens the account — its access token is about to end — not on every blip that
 * the next retry mends.
 */

/** Consecutive failed refreshes, this one included, from which a run is announced. */
export const REFRESH_FAILING_AFTER_FAILURES = 2;

/** The state of an account's refreshes once the latest failure is counted. */
export interface FailingRefreshes {
  /** Consecutive failures, the latest included. */
  readonly failures: number;
  /** The stored access token's end; null when there is none. */
  readonly expiresAt: Date | null;
  /** When this run was announced; null while it has not been. */
  readonly failingSince: Date | null;
}

/**
 * True when this failure should announce the run: not announced yet, at least
 * REFRESH_FAILING_AFTER_FAILURES in a row, and the access token ends within `horizonSeconds`
 * (the refresher's horizon: it would normally have been refreshed by then) or already has.
 */
export function shouldAnnounceRefreshFailing(state: FailingRefreshes, now: Date, horizonSeconds: number): boolean {
  if (state.failingSince !== null) return false;
  if (state.failures < REFRESH_FAILING_AFTER_FAILURES) return false;
  return state.expiresAt === null || state.expiresAt.getTime() - now.getTime() <= horizonSeconds * 1000;
}
