import type { TokenStatus } from './entities/ebay-token.entity';

/** What may be shown of an account's tokens: their state, never their values. */
export interface TokenSummary {
  readonly status: TokenStatus;
  /** False once the account was disconnected (its tokens wiped). */
  readonly hasTokens: boolean;
  readonly expiresAt: Date | null;
  readonly lastRefreshedAt: Date | null;
  readonly refreshTokenExpiresAt: Date | null;
  readonly refreshError: string | null;
  readonly refreshFailures: number;
  /** The refresh token ends within 30 days: ask the owner to reconnect. */
  readonly reconnectSoon: boolean;
  /** What the owner consented to. */
  readonly scopes: readonly string[];
}
