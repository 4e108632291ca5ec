import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { maskSecret } from '../common/logging/mask-secret';
import { Clock } from '../common/time/clock';
import { sleep } from '../common/time/sleep';
import { TokensConfig } from '../config/configuration';
import { EbayError, EbayOAuthClient, type RefreshedAccessToken } from '../ebay';
import { type EventData, EventsService, type EventType } from '../events';
import { MetricsService, type RefreshOutcome } from '../metrics';
import { EbayTokenRepository, type LeasedToken, type RefreshedTokens, type TokenChanges } from './ebay-token.repository';
import { GrantCounter } from './grant-counter';
import type { EbayToken } from './entities/ebay-token.entity';
import {
  failureDelaySeconds,
  isValidFor,
  LEASE_WAIT_LIMIT_MS,
  nextRefreshAt,
  REFRESH_LEASE_SECONDS,
} from './refresh-policy';
import { shouldAnnounceRefreshFailing } from './refresh-failing';
import { TokenCipher } from './token-cipher';
import { tokenContext } from './token-context';
import { AccountNotConnectedError, ReauthRequiredError, TokenRefreshUnavailableError } from './tokens.errors';

/** Why a refresh is wanted; each says when it is no longer needed (someone else did it). */
export type RefreshTrigger =
  /** The token is (nearly) due: skip if it is valid for more than `seconds`. */
  | { readonly kind: 'expiring'; readonly seconds: number }
  /** eBay refused this access token: skip if the stored one has changed since. */
  | { readonly kind: 'rejected'; readonly accessToken: string }
  /** Asked for explicitly: skip only if a refresh finished after the request came in. */
  | { readonly kind: 'forced'; readonly requestedAt: Date };

export interface AccessToken {
  readonly value: string;
  readonly expiresAt: Date;
}

type Outcome =
  | { readonly kind: 'refreshed'; readonly token: AccessToken }
  | { readonly kind: 'failed'; readonly error: Error };

const FIRST_POLL_MS = 50;
const LONGEST_POLL_MS = 500;

/**
 * One refresh of one account's token, across replicas, as named steps: read (maybe nothing
 * is needed), take the lease (one short statement), refresh at eBay with no transaction or
 * connection held, store the outcome only while the lease is still ours. A replica that finds
 * the lease taken waits for it to end and reads what the holder stored; a lease whose holder
 * died runs out and is taken over.
 */
@Injectable()
export class TokenRefresher {
  private readonly logger = new Logger('TokenRefresher');

  constructor(
    private readonly tokens: EbayTokenRepository,
    private readonly oauth: EbayOAuthClient,
    private readonly grants: GrantCounter,
    private readonly metrics: MetricsService,
    private readonly cipher: TokenCipher,
    private readonly clock: Clock,
    private readonly config: TokensConfig,
    private readonly events: EventsService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async refresh(accountId: string, trigger: RefreshTrigger): Promise<AccessToken> {
    const waitUntil = Date.now() + LEASE_WAIT_LIMIT_MS;
    let failuresBeforeWait: number | undefined;
    for (;;) {
      const leaseId = randomUUID();
      const attempt = await this.tokens.tryLease(accountId, leaseId, REFRESH_LEASE_SECONDS);
      const row = attempt.leased ? attempt.token.row : attempt.row;
      // The holder we waited for failed: its backoff stands, rather than every waiter retrying.
      if (failuresBeforeWait !== undefined && row !== null && row.refreshFailures > failuresBeforeWait) {
        if (attempt.leased) await this.giveBack(attempt.token);
        throw new TokenRefreshUnavailableError('refresh_failed', this.secondsUntil(row.nextRefreshAt));
      }
      if (attempt.leased) return this.refreshUnderLease(attempt.token, trigger);
      const current = this.currentIfEnough(row, accountId, trigger);
      if (current !== undefined) return current;
      failuresBeforeWait = row!.refreshFailures;
      await this.waitForLease(accountId, waitUntil);
    }
  }

  /**
   * The background refresher's refresh of a token it claimed, whose lease came with the claim.
   * Quiet when it works: the run reports its counts.
   */
  refreshClaimed(token: LeasedToken, trigger: RefreshTrigger): Promise<AccessToken> {
    return this.refreshUnderLease(token, trigger, { isBackground: true });
  }

  private async refreshUnderLease(
    token: LeasedToken,
    trigger: RefreshTrigger,
    { isBackground }: { isBackground: boolean } = { isBackground: false },
  ): Promise<AccessToken> {
    const started = performance.now();
    const successLevel = isBackground ? 'debug' : 'log';
    let isLeaseSettled = false;
    let outcome: RefreshOutcome = 'failed';
    try {
      // Someone may have finished a refresh since the caller decided one was needed.
      const current = this.currentIfEnough(token.row, token.row.ebayAccountId, trigger);
      if (current !== undefined) {
        outcome = 'skipped';
        return current;
      }
      const result = await this.refreshAtEbay(token, successLevel);
      isLeaseSettled = true;
      if (result.kind === 'failed') {
        if (result.error instanceof ReauthRequiredError) outcome = 'reauth';
        throw result.error;
      }
      outcome = 'refreshed';
      return result.token;
    } finally {
      this.metrics.observeRefresh(isBackground ? 'background' : trigger.kind, outcome, (performance.now() - started) / 1000);
      if (!isLeaseSettled) await this.giveBack(token);
    }
  }

  /**
   * Best effort: if even this fails (the database is down), the lease runs out by itself, and
   * the error that brought us here is the one worth reporting.
   */
  private async giveBack(token: LeasedToken): Promise<void> {
    await this.tokens.releaseLease(token).catch(() => undefined);
  }

  /** The stored token when the trigger no longer calls for a refresh; undefined otherwise. */
  private currentIfEnough(row: EbayToken | null, accountId: string, trigger: RefreshTrigger): AccessToken | undefined {
    if (row === null || row.refreshToken === null) throw new AccountNotConnectedError();
    if (row.status === 'reauth_required') throw new ReauthRequiredError();
    if (row.accessToken === null || row.expiresAt === null) return undefined;
    const now = this.clock.now();
    const stored = (): AccessToken => ({
      value: this.cipher.decrypt(row.accessToken!, tokenContext(accountId, 'access_token')),
      expiresAt: row.expiresAt!,
    });
    switch (trigger.kind) {
      case 'expiring':
        return isValidFor(row.expiresAt, now, trigger.seconds) ? stored() : undefined;
      case 'rejected': {
        const token = stored();
        return token.value !== trigger.accessToken && isValidFor(token.expiresAt, now, 0) ? token : undefined;
      }
      case 'forced':
        return row.lastRefreshedAt !== null && row.lastRefreshedAt >= trigger.requestedAt && isValidFor(row.expiresAt, now, 0)
          ? stored()
          : undefined;
    }
  }

  private secondsUntil(at: Date | null): number {
    const seconds = at === null ? 0 : Math.ceil((at.getTime() - this.clock.now().getTime()) / 1000);
    return Math.max(1, seconds);
  }

  /** Polls (one indexed read, no connection held between reads) until the lease is free. */
  private async waitForLease(accountId: string, waitUntil: number): Promise<void> {
    let pollMs = FIRST_POLL_MS;
    while (!(await this.tokens.isLeaseFree(accountId))) {
      if (Date.now() + pollMs > waitUntil) throw new TokenRefreshUnavailableError('refresh_in_progress', 5);
      await sleep(pollMs);
      pollMs = Math.min(LONGEST_POLL_MS, Math.round(pollMs * 1.5));
    }
  }

  private async refreshAtEbay(token: LeasedToken, successLevel: 'log' | 'debug'): Promise<Outcome> {
    const accountId = token.row.ebayAccountId;
    const refreshToken = this.cipher.decrypt(token.row.refreshToken!, tokenContext(accountId, 'refresh_token'));
    let granted: RefreshedAccessToken;
    // Each call spends one of the app's daily refresh grants, whatever eBay answers.
    this.grants.count('refresh_token');
    try {
      granted = await this.oauth.refresh(refreshToken, token.scopes);
    } catch (error) {
      if (!(error instanceof EbayError)) throw error;
      return { kind: 'failed', error: await this.recordFailure(token, error) };
    }
    return { kind: 'refreshed', token: await this.persist(token, granted, successLevel) };
  }

  private async persist(token: LeasedToken, granted: RefreshedAccessToken, successLevel: 'log' | 'debug'): Promise<AccessToken> {
    const accountId = token.row.ebayAccountId;
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + granted.accessTokenExpiresInSeconds * 1000);
    const refreshed: RefreshedTokens = {
      accessToken: this.cipher.encrypt(granted.accessToken, tokenContext(accountId, 'access_token')),
      tokenType: granted.tokenType,
      expiresAt,
      refreshedAt: now,
      nextRefreshAt: nextRefreshAt(now, expiresAt, this.config.refreshHorizonSeconds),
      // eBay does not rotate refresh tokens; ours stays unless it sends a new one.
      ...(granted.refreshToken === undefined
        ? {}
        : {
            refreshToken: {
              value: this.cipher.encrypt(granted.refreshToken, tokenContext(accountId, 'refresh_token')),
              expiresAt:
                granted.refreshTokenExpiresInSeconds === undefined
                  ? null
                  : new Date(now.getTime() + granted.refreshTokenExpiresInSeconds * 1000),
            },
          }),
    };
    // Only a success after an announced run of failures needs a transaction (and the event log's
    // lock); every other one stays the single prepared statement.
    const isStored =
      token.row.refreshFailingSince === null
        ? await this.tokens.storeRefresh(token, refreshed)
        : await this.storeRecovery(token, refreshed);
    if (!isStored) return this.afterLostLease(accountId);
    // Fields named like a token are redacted from logs; the masked form goes under another name.
    const masked = maskSecret(granted.accessToken);
    this.logger[successLevel]({ accountId, masked, expiresAt }, 'Refreshed an access token');
    return { value: granted.accessToken, expiresAt };
  }

  /**
   * While eBay answered, the row changed hands: a disconnect wiped it, a new consent replaced
   * its tokens, or (after a stall longer than the lease) another replica refreshed it. What
   * is stored now wins; our grant is dropped.
   */
  private async afterLostLease(accountId: string): Promise<AccessToken> {
    this.logger.warn({ accountId }, 'The token changed while eBay answered; keeping what is stored');
    const current = this.currentIfEnough(await this.tokens.findByAccountId(accountId), accountId, {
      kind: 'expiring',
      seconds: 0,
    });
    if (current === undefined) throw new TokenRefreshUnavailableError('lease_lost', 1);
    return current;
  }

  /** Writes down what went wrong (if the lease is still ours) and decides what the caller sees. */
  private async recordFailure(token: LeasedToken, error: EbayError): Promise<Error> {
    const accountId = token.row.ebayAccountId;
    const refreshFailures = token.row.refreshFailures + 1;
    const reason = error.code ?? error.failureKind;
    if (error.failureKind === 'reauth') {
      await this.recordAnnounced(
        token,
        { status: 'reauth_required', refreshError: error.message, refreshFailures, nextRefreshAt: null },
        'account.reauth_required',
        { reason },
      );
      this.logger.warn({ accountId, reason: error.code }, 'eBay refused the refresh token: the account needs a reconnect');
      return new ReauthRequiredError();
    }
    const now = this.clock.now();
    const delaySeconds = failureDelaySeconds(refreshFailures, error.retryAfterSeconds);
    const changes: TokenChanges = {
      refreshError: error.message,
      refreshFailures,
      nextRefreshAt: new Date(now.getTime() + delaySeconds * 1000),
    };
    const failing = { failures: refreshFailures, expiresAt: token.row.expiresAt, failingSince: token.row.refreshFailingSince };
    if (shouldAnnounceRefreshFailing(failing, now, this.config.refreshHorizonSeconds)) {
      await this.recordAnnounced(token, { ...changes, refreshFailingSince: now }, 'account.refresh_failing', {
        reason,
        failures: refreshFailures,
        expiresAt: token.row.expiresAt?.toISOString() ?? null,
      });
    } else {
      await this.tokens.updateUnderLease(token, changes);
    }
    this.logger.warn(
      { accountId, reason: error.code, failureKind: error.failureKind, refreshFailures, retryInSeconds: delaySeconds },
      'Token refresh failed; will retry',
    );
    return error.failureKind === 'transient'
      ? new TokenRefreshUnavailableError(error.code ?? error.failureKind, delaySeconds)
      : error;
  }

  /**
   * A failure that changes what a client should do, written under the lease with its event in
   * one transaction: no event when the lease was no longer ours (a disconnect or a new consent
   * came first, and says so itself). The account row is held first (EbayTokenRepository.holdAccount).
   */
  private recordAnnounced(token: LeasedToken, changes: TokenChanges, type: EventType, data: EventData): Promise<boolean> {
    const accountId = token.row.ebayAccountId;
    return this.txHost.withTransaction(async () => {
      await this.tokens.holdAccount(accountId);
      if (!(await this.tokens.updateUnderLease(token, changes))) return false;
      await this.events.recordForAccount(type, accountId, data);
      return true;
    });
  }

  /** A success after account.refresh_failing: stored, the run ended, and account.recovered, in one transaction. */
  private storeRecovery(token: LeasedToken, refreshed: RefreshedTokens): Promise<boolean> {
    const accountId = token.row.ebayAccountId;
    return this.txHost.withTransaction(async () => {
      await this.tokens.holdAccount(accountId);
      if (!(await this.tokens.storeRefreshInTransaction(token, refreshed))) return false;
      await this.events.recordForAccount('account.recovered', accountId, { expiresAt: refreshed.expiresAt.toISOString() });
      return true;
    });
  }
}
