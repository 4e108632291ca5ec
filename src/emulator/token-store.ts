import { newApplicationAccessToken, newAuthorizationCode, newRefreshToken, newUserAccessToken } from './token-strings';

export interface AuthorizationCode {
  readonly code: string;
  readonly clientId: string;
  /** The RuName the consent request named; the exchange must name the same one. */
  readonly ruName: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  readonly expiresAtMs: number;
}

export interface RefreshTokenGrant {
  readonly token: string;
  readonly clientId: string;
  readonly userId: string;
  /** What the seller consented to; a refresh may ask for these or fewer. */
  readonly scopes: readonly string[];
  readonly expiresAtMs: number;
}

export interface AccessTokenGrant {
  readonly token: string;
  readonly kind: 'user' | 'application';
  readonly clientId: string;
  /** Absent on application tokens, which act for no seller. */
  readonly userId?: string;
  readonly scopes: ReadonlySet<string>;
  readonly expiresAtMs: number;
}

/** An access token as the state file keeps it: its scopes as a list. */
export type AccessTokenRecord = Omit<AccessTokenGrant, 'scopes'> & { readonly scopes: readonly string[] };

/** What the state file keeps of the store: every entry not yet expired. */
export interface TokenStoreSnapshot {
  readonly codes: readonly AuthorizationCode[];
  readonly refreshTokens: readonly RefreshTokenGrant[];
  readonly accessTokens: readonly AccessTokenRecord[];
}

// Expired entries are dropped every this many issues, so a long benchmark does not keep
// tens of thousands of 2 KB tokens; rare enough that tests never meet a sweep.
const SWEEP_EVERY_ISSUES = 4096;

/** Codes and tokens this emulator issued, looked up by their exact string. */
export class TokenStore {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshTokenGrant>();
  private readonly accessTokens = new Map<string, AccessTokenGrant>();
  private issuesSinceSweep = 0;

  /** `changed` hears of every change to what snapshot() returns; reads never call it. */
  constructor(
    private readonly nowMs: () => number,
    private readonly changed: () => void,
  ) {}

  issueCode(details: Omit<AuthorizationCode, 'code'>): AuthorizationCode {
    const code = { ...details, code: newAuthorizationCode() };
    this.codes.set(code.code, code);
    this.counted();
    this.changed();
    return code;
  }

  findCode(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  /** Codes are single use: the first successful exchange consumes it. */
  consumeCode(code: string): void {
    if (this.codes.delete(code)) this.changed();
  }

  issueRefreshToken(details: Omit<RefreshTokenGrant, 'token'>): RefreshTokenGrant {
    const grant = { ...details, token: newRefreshToken() };
    this.refreshTokens.set(grant.token, grant);
    this.counted();
    this.changed();
    return grant;
  }

  findRefreshToken(token: string): RefreshTokenGrant | undefined {
    return this.refreshTokens.get(token);
  }

  revokeRefreshToken(token: string): void {
    if (this.refreshTokens.delete(token)) this.changed();
  }

  /** What a password or username change does at eBay. Returns how many were revoked. */
  revokeRefreshTokensOf(userId: string): number {
    return this.reportDeletions(deleteWhere(this.refreshTokens, (grant) => grant.userId === userId));
  }

  issueAccessToken(details: Omit<AccessTokenGrant, 'token'>): AccessTokenGrant {
    const token = details.kind === 'user' ? newUserAccessToken() : newApplicationAccessToken();
    const grant = { ...details, token };
    this.accessTokens.set(token, grant);
    this.counted();
    this.changed();
    return grant;
  }

  findAccessToken(token: string): AccessTokenGrant | undefined {
    return this.accessTokens.get(token);
  }

  /** Forgets access tokens (all, or one seller's), so their next use meets errorId 1001. */
  invalidateAccessTokens(userId?: string): number {
    return this.reportDeletions(
      deleteWhere(this.accessTokens, (grant) => userId === undefined || grant.userId === userId),
    );
  }

  clear(): void {
    this.codes.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
    this.issuesSinceSweep = 0;
    this.changed();
  }

  /** The live entries; expired ones stay out, so the state file does not grow with them. */
  snapshot(): TokenStoreSnapshot {
    const isLive = this.isLive();
    return {
      codes: [...this.codes.values()].filter(isLive),
      refreshTokens: [...this.refreshTokens.values()].filter(isLive),
      accessTokens: [...this.accessTokens.values()].filter(isLive).map((grant) => ({ ...grant, scopes: [...grant.scopes] })),
    };
  }

  /** Replaces every entry with the snapshot's live ones. */
  restore(snapshot: TokenStoreSnapshot): void {
    this.clear();
    const isLive = this.isLive();
    for (const code of snapshot.codes.filter(isLive)) this.codes.set(code.code, code);
    for (const grant of snapshot.refreshTokens.filter(isLive)) this.refreshTokens.set(grant.token, grant);
    for (const grant of snapshot.accessTokens.filter(isLive)) {
      this.accessTokens.set(grant.token, { ...grant, scopes: new Set(grant.scopes) });
    }
    this.changed();
  }

  private isLive(): (entry: { expiresAtMs: number }) => boolean {
    const nowMs = this.nowMs();
    return (entry) => entry.expiresAtMs > nowMs;
  }

  /** A bulk deletion is a change only when it removed something. */
  private reportDeletions(deleted: number): number {
    if (deleted > 0) this.changed();
    return deleted;
  }

  private counted(): void {
    this.issuesSinceSweep += 1;
    if (this.issuesSinceSweep < SWEEP_EVERY_ISSUES) return;
    this.issuesSinceSweep = 0;
    const nowMs = this.nowMs();
    const isExpired = (entry: { expiresAtMs: number }): boolean => entry.expiresAtMs <= nowMs;
    deleteWhere(this.codes, isExpired);
    deleteWhere(this.refreshTokens, isExpired);
    deleteWhere(this.accessTokens, isExpired);
  }
}

function deleteWhere<T>(map: Map<string, T>, predicate: (value: T) => boolean): number {
  let deleted = 0;
  for (const [key, value] of map) {
    if (!predicate(value)) continue;
    map.delete(key);
    deleted += 1;
  }
  return deleted;
}
