/** The first wait before reconnecting, unless the server's `retry:` says otherwise. */
export const FIRST_RECONNECT_MS = 1_000;
/** However long the service stays away, a tab tries again at least this often. */
export const MAX_RECONNECT_MS = 30_000;

/**
 * How long to wait before the next connection, after `failures` attempts in a row that did not
 * get the stream (0 after a stream that was open and ended): the base doubling per failure up
 * to 30 s, then a random part of it taken off, so that the tabs a restart dropped do not all
 * come back in the same instant. `random` is Math.random's range, [0, 1).
 */
export function reconnectDelayMs(failures: number, random: number, serverRetryMs?: number): number {
  const base = Math.min(Math.max(serverRetryMs ?? FIRST_RECONNECT_MS, FIRST_RECONNECT_MS), MAX_RECONNECT_MS);
  const ceiling = Math.min(base * 2 ** Math.max(0, failures), MAX_RECONNECT_MS);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
