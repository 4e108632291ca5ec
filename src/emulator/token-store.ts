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

// Expired entries are dropped every this many issues, so a long benchmark does not keep
// tens of thousands of 2 KB tokens; rare enough that tests never meet a sweep.
const SWEEP_EVERY_ISSUES = 4096;

/** Codes and tokens this emulator issued, looked up by their exact string. */
export class TokenStore {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshTokenGrant>();
  private readonly accessTokens = new Map<string, AccessTokenGrant>();
  private issuesSinceSweep = 0;

  constructor(private readonly nowMs: () => number) {}

  issueCode(details: Omit<AuthorizationCode, 'code'>): AuthorizationCode {
    const code = { ...details, code: newAuthorizationCode() };
    this.codes.set(code.code, code);
    this.counted();
    return code;
  }

  findCode(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  /** Codes are single use: the first successful exchange consumes it. */
  consumeCode(code: string): void {
    this.codes.delete(code);
  }

  issueRefreshToken(details: Omit<RefreshTokenGrant, 'token'>): RefreshTokenGrant {
    const grant = { ...details, token: newRefreshToken() };
    this.refreshTokens.set(grant.token, grant);
    this.counted();
    return grant;
  }

  findRefreshToken(token: string): RefreshTokenGrant | undefined {
    return this.refreshTokens.get(token);
  }

  revokeRefreshToken(token: string): void {
    this.refreshTokens.delete(token);
  }

  /** What a password or username change does at eBay. Returns how many were revoked. */
  revokeRefreshTokensOf(userId: string): number {
    return deleteWhere(this.refreshTokens, (grant) => grant.userId === userId);
  }

  issueAccessToken(details: Omit<AccessTokenGrant, 'token'>): AccessTokenGrant {
    const token = details.kind === 'user' ? newUserAccessToken() : newApplicationAccessToken();
    const grant = { ...details, token };
    this.accessTokens.set(token, grant);
    this.counted();
    return grant;
  }

  findAccessToken(token: string): AccessTokenGrant | undefined {
    return this.accessTokens.get(token);
  }

  /** Forgets access tokens (all, or one seller's), so their next use meets errorId 1001. */
  invalidateAccessTokens(userId?: string): number {
    return deleteWhere(this.accessTokens, (grant) => userId === undefined || grant.userId === userId);
  }

  clear(): void {
    this.codes.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
    this.issuesSinceSweep = 0;
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
