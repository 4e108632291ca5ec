import { ACCESS_TOKEN_MARGIN_SECONDS, isValidFor } from './refresh-policy';

/** Past this age an entry is read again, so a disconnect elsewhere is seen within seconds. */
const MAX_AGE_MS = 30_000;

interface Entry {
  readonly token: string;
  readonly expiresAt: Date;
  readonly cachedAt: number;
}

/**
 * Decrypted access tokens kept in this process's memory. An entry serves until its token
 * comes within the refresh margin, and for at most MAX_AGE_MS.
 */
export class AccessTokenCache {
  private readonly entries = new Map<string, Entry>();

  get(accountId: string, now: Date): string | undefined {
    const entry = this.entries.get(accountId);
    if (entry === undefined) return undefined;
    if (now.getTime() - entry.cachedAt > MAX_AGE_MS || !isValidFor(entry.expiresAt, now, ACCESS_TOKEN_MARGIN_SECONDS)) {
      this.entries.delete(accountId);
      return undefined;
    }
    return entry.token;
  }

  set(accountId: string, token: string, expiresAt: Date, now: Date): void {
    this.entries.set(accountId, { token, expiresAt, cachedAt: now.getTime() });
  }

  delete(accountId: string): void {
    this.entries.delete(accountId);
  }
}
