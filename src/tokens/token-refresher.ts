import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { maskSecret } from '../common/logging/mask-secret';
import { Clock } from '../common/time/clock';
import { TokensConfig } from '../config/configuration';
import { EbayError } from '../ebay/ebay.errors';
import { EbayOAuthClient, type RefreshedAccessToken } from '../ebay/ebay-oauth.client';
import { EbayAuthorizationRepository } from './ebay-authorization.repository';
import { type TokenChanges, EbayTokenRepository } from './ebay-token.repository';
import type { EbayToken } from './entities/ebay-token.entity';
import { isValidFor, nextRefreshAt, retryDelaySeconds } from './refresh-policy';
import { TokenCipher } from './token-cipher';
import { tokenContext } from './token-context';
import { AccountNotConnectedError, ReauthRequiredError, TokenRefreshUnavailableError } from './tokens.errors';

/** Why a refresh is wanted; each says when it is no longer needed (someone else did it). */
export type RefreshTrigger =
  /** The token is (nearly) due: skip if it is valid for more than `seconds`. */
  | { readonly kind: 'expiring'; readonly seconds: number }
  /** eBay refused this access token: skip if the stored one has changed since. */
  | { readonly kind: 'rejected'; readonly accessToken: string }
  /** Asked for explicitly: always refresh. */
  | { readonly kind: 'forced' };

export interface AccessToken {
  readonly value: string;
  readonly expiresAt: Date;
}

const LOCK_NOT_AVAILABLE = '55P03';
const LOCK_RETRY_SECONDS = 5;

type Outcome =
  | { readonly kind: 'current'; readonly token: AccessToken }
  | { readonly kind: 'refreshed'; readonly token: AccessToken }
  | { readonly kind: 'failed'; readonly error: Error };

/**
 * One refresh of one account's token, as a sequence of named steps: lock the row, re-read it
 * (another replica may have refreshed while we waited), refresh at eBay, persist. A failure is
 * recorded in the same transaction, then thrown.
 */
@Injectable()
export class TokenRefresher {
  private readonly logger = new Logger('TokenRefresher');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: EbayTokenRepository,
    private readonly authorizations: EbayAuthorizationRepository,
    private readonly oauth: EbayOAuthClient,
    private readonly cipher: TokenCipher,
    private readonly clock: Clock,
    private readonly config: TokensConfig,
  ) {}

  async refresh(accountId: string, trigger: RefreshTrigger): Promise<AccessToken> {
    let outcome: Outcome;
    try {
      outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
        const row = await this.tokens.lockByAccountId(manager, accountId);
        const current = this.reread(row, accountId, trigger);
        if (current !== undefined) return { kind: 'current', token: current };
        return this.refreshAtEbay(manager, row!, accountId);
      });
    } catch (error) {
      // Another replica held the row past the lock timeout: its refresh is stuck on eBay.
      if (isLockTimeout(error)) throw new TokenRefreshUnavailableError('lock_timeout', LOCK_RETRY_SECONDS);
      throw error;
    }
    if (outcome.kind === 'failed') throw outcome.error;
    return outcome.token;
  }

  /** The stored token when the trigger no longer calls for a refresh; undefined otherwise. */
  private reread(row: EbayToken | null, accountId: string, trigger: RefreshTrigger): AccessToken | undefined {
    if (row === null || row.refreshToken === null) throw new AccountNotConnectedError();
    if (row.status === 'reauth_required') throw new ReauthRequiredError();
    if (row.accessToken === null || row.expiresAt === null) return undefined;
    const stored = (): AccessToken => ({
      value: this.cipher.decrypt(row.accessToken!, tokenContext(accountId, 'access_token')),
      expiresAt: row.expiresAt!,
    });
    switch (trigger.kind) {
      case 'expiring':
        return isValidFor(row.expiresAt, this.clock.now(), trigger.seconds) ? stored() : undefined;
      case 'rejected': {
        const token = stored();
        return token.value !== trigger.accessToken && isValidFor(token.expiresAt, this.clock.now(), 0)
          ? token
          : undefined;
      }
      case 'forced':
        return undefined;
    }
  }

  private async refreshAtEbay(manager: EntityManager, row: EbayToken, accountId: string): Promise<Outcome> {
    const refreshToken = this.cipher.decrypt(row.refreshToken!, tokenContext(accountId, 'refresh_token'));
    const scopes = await this.authorizations.scopesFor(accountId, manager);
    let granted: RefreshedAccessToken;
    try {
      granted = await this.oauth.refresh(refreshToken, scopes);
    } catch (error) {
      if (!(error instanceof EbayError)) throw error;
      return { kind: 'failed', error: await this.recordFailure(manager, row, accountId, error) };
    }
    return { kind: 'refreshed', token: await this.persist(manager, row, accountId, granted) };
  }

  private async persist(
    manager: EntityManager,
    row: EbayToken,
    accountId: string,
    granted: RefreshedAccessToken,
  ): Promise<AccessToken> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + granted.accessTokenExpiresInSeconds * 1000);
    const changes: TokenChanges = {
      accessToken: this.cipher.encrypt(granted.accessToken, tokenContext(accountId, 'access_token')),
      tokenType: granted.tokenType,
      expiresAt,
      lastRefreshedAt: now,
      refreshError: null,
      refreshFailures: 0,
      nextRefreshAt: nextRefreshAt(now, expiresAt, this.config.refreshHorizonSeconds),
    };
    // eBay does not rotate refresh tokens; keep ours unless it sends a new one.
    if (granted.refreshToken !== undefined) {
      changes.refreshToken = this.cipher.encrypt(granted.refreshToken, tokenContext(accountId, 'refresh_token'));
      changes.refreshTokenExpiresAt =
        granted.refreshTokenExpiresInSeconds === undefined
          ? null
          : new Date(now.getTime() + granted.refreshTokenExpiresInSeconds * 1000);
    }
    await this.tokens.update(manager, row.id, changes);
    // Fields named like a token are redacted from logs; the masked form goes under another name.
    const masked = maskSecret(granted.accessToken);
    this.logger.log({ accountId, masked, expiresAt }, 'Refreshed an access token');
    return { value: granted.accessToken, expiresAt };
  }

  /** Writes down what went wrong and decides what the caller sees. */
  private async recordFailure(
    manager: EntityManager,
    row: EbayToken,
    accountId: string,
    error: EbayError,
  ): Promise<Error> {
    const now = this.clock.now();
    const refreshFailures = row.refreshFailures + 1;
    if (error.failureKind === 'reauth') {
      await this.tokens.update(manager, row.id, {
        status: 'reauth_required',
        refreshError: error.message,
        refreshFailures,
        nextRefreshAt: null,
      });
      this.logger.warn({ accountId, reason: error.code }, 'eBay refused the refresh token: the account needs a reconnect');
      return new ReauthRequiredError();
    }
    const delaySeconds = retryDelaySeconds(refreshFailures);
    await this.tokens.update(manager, row.id, {
      refreshError: error.message,
      refreshFailures,
      nextRefreshAt: new Date(now.getTime() + delaySeconds * 1000),
    });
    this.logger.warn(
      { accountId, reason: error.code, failureKind: error.failureKind, refreshFailures, retryInSeconds: delaySeconds },
      'Token refresh failed; will retry',
    );
    return error.failureKind === 'transient'
      ? new TokenRefreshUnavailableError(error.code ?? error.failureKind, delaySeconds)
      : error;
  }
}

function isLockTimeout(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === LOCK_NOT_AVAILABLE;
}
