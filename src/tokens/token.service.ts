import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SingleFlight } from '../common/concurrency/single-flight';
import { Clock } from '../common/time/clock';
import { TokensConfig } from '../config/configuration';
import type { UserTokenGrant } from '../ebay';
import { AccessTokenCache } from './access-token-cache';
import { EbayAuthorizationRepository } from './ebay-authorization.repository';
import { EbayTokenRepository, type LeasedToken, type StoredAccessToken } from './ebay-token.repository';
import {
  ACCESS_TOKEN_MARGIN_SECONDS,
  isValidFor,
  nextRefreshAt,
  RECONNECT_SOON_SECONDS,
} from './refresh-policy';
import { GrantCounter } from './grant-counter';
import { TokenCipher } from './token-cipher';
import { tokenContext } from './token-context';
import { type AccessToken, type RefreshTrigger, TokenRefresher } from './token-refresher';
import { TokenUseMarker } from './token-use-marker';
import type { TokenSummary } from './token-summary';
import { type TokenSummaryRow, TokenSummaryRepository } from './token-summary.repository';
import { AccountNotConnectedError, ReauthRequiredError, TokenRefreshUnavailableError } from './tokens.errors';

/** A transient refresh failure still hands out the current token if it lives this long. */
const FALLBACK_MIN_VALIDITY_SECONDS = 30;

/**
 * The tokens of every connected account: stored encrypted, handed out valid, refreshed once
 * however many callers ask at the same time, in this process (single-flight) and across
 * replicas (the refresh lease in TokenRefresher).
 */
@Injectable()
export class TokenService {
  private readonly logger = new Logger('TokenService');
  private readonly cache = new AccessTokenCache();
  private readonly reads = new SingleFlight<AccessToken>();
  private readonly refreshes = new SingleFlight<AccessToken>();

  constructor(
    private readonly tokens: EbayTokenRepository,
    private readonly authorizations: EbayAuthorizationRepository,
    private readonly refresher: TokenRefresher,
    private readonly uses: TokenUseMarker,
    private readonly grants: GrantCounter,
    private readonly cipher: TokenCipher,
    private readonly clock: Clock,
    private readonly config: TokensConfig,
    private readonly summaryRows: TokenSummaryRepository,
  ) {}

  /** An access token valid for at least the refresh margin, refreshed first if need be. */
  async getAccessToken(accountId: string): Promise<string> {
    // Handing out a token is a use of the account: it keeps the account's token warm.
    this.uses.mark(accountId, this.clock.now().getTime());
    const cached = this.cache.get(accountId, this.clock.now());
    if (cached !== undefined) return cached;
    const token = await this.reads.run(accountId, () => this.loadAccessToken(accountId));
    return token.value;
  }

  /**
   * Refreshes now, unless a refresh finishes (here or on another replica) after this call
   * began. With `rejectedAccessToken` (eBay just refused it) the refresh is skipped when the
   * stored token has changed since: someone else already refreshed it.
   */
  async forceRefresh(accountId: string, options: { rejectedAccessToken?: string } = {}): Promise<void> {
    this.cache.delete(accountId);
    const trigger: RefreshTrigger =
      options.rejectedAccessToken === undefined
        ? { kind: 'forced', requestedAt: this.clock.now() }
        : { kind: 'rejected', accessToken: options.rejectedAccessToken };
    const token = await this.refreshes.run(accountId, () => this.refresher.refresh(accountId, trigger));
    this.cache.set(accountId, token.value, token.expiresAt, this.clock.now());
  }

  /**
   * The background refresher's refresh of a token it claimed as due, lease included. Not
   * through the single-flight: a caller of this process waiting for that lease must not be
   * joined instead, or the lease would sit unused until it ran out.
   */
  async refreshClaimed(claimed: LeasedToken): Promise<void> {
    const accountId = claimed.row.ebayAccountId;
    const token = await this.refresher.refreshClaimed(claimed, { kind: 'expiring', seconds: this.config.refreshHorizonSeconds });
    this.cache.set(accountId, token.value, token.expiresAt, this.clock.now());
  }

  /**
   * Stores the tokens of a fresh consent (connect or reconnect) inside the caller's
   * transaction, with the scopes the user consented to.
   */
  async storeGrant(
    manager: EntityManager,
    accountId: string,
    grant: UserTokenGrant,
    scopes: readonly string[],
  ): Promise<void> {
    const now = this.clock.now();
    // The exchange that produced this grant counts against eBay's authorization_code quota.
    this.grants.count('authorization_code');
    const expiresAt = new Date(now.getTime() + grant.accessTokenExpiresInSeconds * 1000);
    await this.tokens.upsertForAccount(manager, accountId, {
      accessToken: this.cipher.encrypt(grant.accessToken, tokenContext(accountId, 'access_token')),
      refreshToken: this.cipher.encrypt(grant.refreshToken, tokenContext(accountId, 'refresh_token')),
      tokenType: grant.tokenType,
      expiresAt,
      lastRefreshedAt: now,
      refreshError: null,
      status: 'active',
      refreshTokenExpiresAt:
        grant.refreshTokenExpiresInSeconds === undefined
          ? null
          : new Date(now.getTime() + grant.refreshTokenExpiresInSeconds * 1000),
      refreshFailures: 0,
      // A new consent ends a run of failures; account.reconnected says so, no recovered event.
      refreshFailingSince: null,
      nextRefreshAt: nextRefreshAt(now, expiresAt, this.config.refreshHorizonSeconds),
      // Connecting is using: the new account stays warm through the warm window.
      lastUsedAt: now,
    });
    await this.authorizations.replaceScopes(manager, accountId, scopes);
    this.cache.delete(accountId);
  }

  /** Forgets an account's tokens (disconnect) inside the caller's transaction. */
  async wipe(manager: EntityManager, accountId: string): Promise<void> {
    await this.tokens.wipe(manager, accountId);
    this.cache.delete(accountId);
  }

  /** The token state of each account that has a token row, keyed by account id. */
  async summaries(accountIds: readonly string[]): Promise<Map<string, TokenSummary>> {
    const rows = await this.summaryRows.forAccounts(accountIds);
    const now = this.clock.now();
    return new Map(rows.map((row) => [row.accountId, this.summarise(row, now)]));
  }

  private async loadAccessToken(accountId: string): Promise<AccessToken> {
    const row = await this.tokens.findAccessToken(accountId);
    if (row === null || !row.isConnected) throw new AccountNotConnectedError();
    if (row.status === 'reauth_required') throw new ReauthRequiredError();
    const now = this.clock.now();
    const token =
      row.accessToken !== null && isValidFor(row.expiresAt, now, ACCESS_TOKEN_MARGIN_SECONDS)
        ? { value: this.cipher.decrypt(row.accessToken, tokenContext(accountId, 'access_token')), expiresAt: row.expiresAt! }
        : await this.refreshExpiring(accountId, row);
    this.cache.set(accountId, token.value, token.expiresAt, this.clock.now());
    return token;
  }

  /** Refreshes a token near its end; if eBay is briefly down, the old one serves while it lasts. */
  private async refreshExpiring(accountId: string, row: StoredAccessToken): Promise<AccessToken> {
    try {
      return await this.refreshes.run(accountId, () =>
        this.refresher.refresh(accountId, { kind: 'expiring', seconds: ACCESS_TOKEN_MARGIN_SECONDS }),
      );
    } catch (error) {
      const stillValid =
        error instanceof TokenRefreshUnavailableError &&
        row.accessToken !== null &&
        isValidFor(row.expiresAt, this.clock.now(), FALLBACK_MIN_VALIDITY_SECONDS);
      if (!stillValid) throw error;
      this.logger.warn({ accountId, expiresAt: row.expiresAt }, 'Refresh failed; using the current token until it expires');
      return { value: this.cipher.decrypt(row.accessToken!, tokenContext(accountId, 'access_token')), expiresAt: row.expiresAt! };
    }
  }

  private summarise(row: TokenSummaryRow, now: Date): TokenSummary {
    return {
      status: row.status,
      hasTokens: row.hasRefreshToken,
      expiresAt: row.expiresAt,
      lastRefreshedAt: row.lastRefreshedAt,
      refreshTokenExpiresAt: row.refreshTokenExpiresAt,
      refreshError: row.refreshError,
      refreshFailures: row.refreshFailures,
      reconnectSoon:
        row.hasRefreshToken &&
        row.refreshTokenExpiresAt !== null &&
        !isValidFor(row.refreshTokenExpiresAt, now, RECONNECT_SOON_SECONDS),
      scopes: row.scopes,
    };
  }
}
