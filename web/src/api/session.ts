/**
 * The signed-in user's JWT: in memory, and in sessionStorage so a reload or the round trip to
 * eBay and back (same tab) keeps the user signed in. Never in a URL, never in localStorage
 * (it would outlive the tab and be shared by every tab).
 */
const STORAGE_KEY = 'ebay-connect.session';

export interface Session {
  readonly accessToken: string;
  /** Milliseconds since the epoch, from the login's expiresIn. */
  readonly expiresAt: number;
}

type Listener = () => void;

let current: Session | null = readStored();
const listeners = new Set<Listener>();

/** Pure, for useSyncExternalStore: an expired JWT reads as none; the API's 401 then signs out. */
export function currentSession(): Session | null {
  return current !== null && current.expiresAt > Date.now() ? current : null;
}

export function signIn(accessToken: string, expiresInSeconds: number): void {
  current = { accessToken, expiresAt: Date.now() + expiresInSeconds * 1000 };
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // Storage can be full or switched off: the session then lasts until the page reloads.
  }
  notify();
}

export function signOut(): void {
  if (current === null) return;
  current = null;
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
  notify();
}

export function subscribeToSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of listeners) listener();
}

function readStored(): Session | null {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (isSession(parsed) && parsed.expiresAt > Date.now()) return parsed;
  } catch {
    // Unreadable: as if signed out.
  }
  return null;
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const { accessToken, expiresAt } = value as Record<string, unknown>;
  return typeof accessToken === 'string' && accessToken !== '' && typeof expiresAt === 'number';
}
