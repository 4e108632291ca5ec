import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth';
import type { KeysetPage, PageRequest } from '../common/paging/page-query.dto';
import { Clock } from '../common/time/clock';
import type { UserTokenGrant } from '../ebay';
import { EventsService } from '../events';
import { type RateLimitRule, RateLimitsService } from '../rate-limits';
import { AccountNotConnectedError, ReauthRequiredError, TokenService, type TokenSummary } from '../tokens';
import { accountStatusOf } from './account-status';
import { AccountPageRepository } from './account-page.repository';
import { erasedHouseName } from './account-erasure';
import {
  AccountDeletedError,
  AccountNotFoundError,
  AdminOnlyFilterError,
  EmptyAccountUpdateError,
  RefreshRateLimitedError,
  HouseNameTakenError,
} from './accounts.errors';
import {
  type AccountChanges,
  type AccountForCall,
  type AccountScope,
  type AccountStateCounts,
  EbayAccountRepository,
  type NewAccount,
} from './ebay-account.repository';
import type { AccountPurpose, EbayAccount } from './entities/ebay-account.entity';
import { siteIdOf } from './marketplaces';

/**
 * Forced refreshes of one account. Each is a grant against eBay's app-wide daily quota; a
 * token lives two hours, so more than this is a loop or an attack, not a need.
 */
export const FORCED_REFRESH_LIMIT: RateLimitRule = { name: 'refresh-account', limit: 5, windowMs: 60_000 };

/** An account with the state of its tokens, as the API shows it. */
export interface AccountView {
  readonly account: EbayAccount;
  readonly token: TokenSummary | undefined;
}

export interface ListFilter {
  /** Admins only: another organisation's accounts. */
  readonly orgId?: string;
  /** Admins only: every organisation's accounts. */
  readonly all?: boolean;
}

export interface AccountUpdate {
  readonly houseName?: string;
  readonly purpose?: AccountPurpose;
  readonly marketplaceId?: string;
  readonly siteId?: number;
}

/** Who the user connected, as eBay's Identity API says. */
export interface ConnectedEbayUser {
  readonly userId: string;
  readonly username: string;
  readonly registrationMarketplaceId: string | undefined;
}

export interface ConnectOptions {
  readonly houseName?: string;
  readonly purpose?: AccountPurpose;
  readonly marketplaceId?: string;
}

/**
 * An organisation's eBay accounts. Users see their own organisation's accounts only (another
 * organisation's account answers as not found); administrators see every account.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: EbayAccountRepository,
    private readonly pages: AccountPageRepository,
    private readonly tokens: TokenService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly rateLimits: RateLimitsService,
    private readonly events: EventsService,
  ) {}

  /** A page of the accounts in scope, oldest first; two statements whatever its size. */
  async list(user: AuthUser, filter: ListFilter, request: PageRequest): Promise<KeysetPage<AccountView>> {
    if ((filter.orgId !== undefined || filter.all === true) && !user.isAdmin) throw new AdminOnlyFilterError();
    const scope: AccountScope =
      filter.all === true ? { everyOrg: true } : { orgId: filter.orgId ?? user.id };
    const page = await this.pages.page(scope, request);
    return { ...page, items: await this.withTokens(page.items) };
  }

  /** How many accounts of every organisation are active, disconnected or deleted (admin overview). */
  countByState(): Promise<AccountStateCounts> {
    return this.accounts.countByState();
  }

  async get(user: AuthUser, id: string): Promise<AccountView> {
    return (await this.withTokens([await this.find(user, id)]))[0];
  }

  /**
   * The account a call to eBay is to be made for, in one query: not found outside the user's
   * scope, and refused without calling eBay when eBay would not take the call (erased,
   * disconnected, or waiting for re-consent).
   */
  async getForEbayCall(user: AuthUser, id: string): Promise<AccountForCall> {
    const account = await this.accounts.findInScopeForCall(this.scopeOf(user), id);
    if (account === null) throw new AccountNotFoundError();
    const status = accountStatusOf({ account, token: account.needsReauth ? { status: 'reauth_required' } : undefined });
    if (status === 'deleted') throw new AccountDeletedError();
    if (status === 'disconnected') throw new AccountNotConnectedError();
    if (status === 'reauth_required') throw new ReauthRequiredError();
    return account;
  }

  /** Every organisation's active accounts, by id: what the periodic health check covers. */
  activeAccountIds(): Promise<string[]> {
    return this.accounts.activeIds();
  }

  /**
   * For a writer of data that erasure removes (synced orders): inside the caller's transaction,
   * holds the account against erasure until it commits; throws AccountDeletedError when the
   * account was erased already, so nothing is written for it.
   */
  async holdAgainstErasure(manager: EntityManager, id: string): Promise<void> {
    if (!(await this.accounts.holdUnlessDeleted(manager, id))) throw new AccountDeletedError();
  }

  /**
   * For another module's transaction (TransactionHost) that will record an event about the
   * account after writing rows of its own: holds the account row first, as every writer of an
   * account and its rows does (docs/modules.md, lock order), so that it never waits for the
   * account while holding rows an erasure or a disconnect waits for.
   */
  async holdForEvent(id: string): Promise<void> {
    await this.accounts.holdForEvent(id);
  }

  /** Every organisation's active selling accounts (SELLING or BOTH) with their tokens: what the periodic sync covers. */
  async sellingAccounts(): Promise<AccountView[]> {
    return this.withTokens(await this.accounts.activeSelling());
  }

  async update(user: AuthUser, id: string, update: AccountUpdate): Promise<AccountView> {
    if (Object.values(update).every((value) => value === undefined)) throw new EmptyAccountUpdateError();
    const account = await this.find(user, id);
    if (account.deletedAt !== null) throw new AccountDeletedError();
    const changes: AccountChanges = {
      ...update,
      ...(update.marketplaceId !== undefined && update.siteId === undefined
        ? { siteId: siteIdOf(update.marketplaceId) }
        : {}),
    };
    return (await this.withTokens([await this.accounts.update(account, changes)]))[0];
  }

  /** Disconnects: the account stays (with its history) but inactive, its tokens wiped. */
  async disconnect(user: AuthUser, id: string): Promise<AccountView> {
    const account = await this.find(user, id);
    // The account row first, then its token row: the order every writer of both keeps.
    const disconnected = await this.txHost.withTransaction(async () => {
      const manager = this.txHost.tx;
      // Read under the lock: of two disconnects at once, only the one that found it connected says so.
      const wasActive = (await this.accounts.findByEbayUser(manager, account.orgId, account.ebayUserId))?.isActive === true;
      const saved = await this.accounts.update(account, { isActive: false }, manager);
      await this.tokens.wipe(manager, account.id);
      if (wasActive && saved.deletedAt === null) await this.events.recordForAccount('account.disconnected', account.id);
      return saved;
    });
    return (await this.withTokens([disconnected]))[0];
  }

  /**
   * Refreshes the account's access token now. Counted per account only once the caller may
   * see it, so another organisation cannot spend this account's refreshes.
   */
  async forceRefresh(user: AuthUser, id: string): Promise<TokenSummary> {
    const account = await this.find(user, id);
    if (!account.isActive) throw new AccountNotConnectedError();
    const verdict = await this.rateLimits.hit(FORCED_REFRESH_LIMIT, account.id);
    if (!verdict.allowed) throw new RefreshRateLimitedError(verdict.retryAfterSeconds);
    await this.tokens.forceRefresh(account.id);
    const summary = (await this.tokens.summaries([account.id])).get(account.id);
    if (summary === undefined) throw new AccountNotConnectedError();
    return summary;
  }

  /**
   * Refuses, before the seller is sent to eBay, a house name that another active account of
   * the organisation has under the comparison rule. Connects that race past this are still
   * refused at the callback, by the unique index.
   */
  async assertHouseNameFree(orgId: string, houseName: string): Promise<void> {
    const holder = await this.accounts.findActiveByHouseName(orgId, houseName);
    if (holder !== null) throw HouseNameTakenError.beforeConnect(houseName, holder.houseName);
  }

  /**
   * Records a consent in one transaction: the account (created, or updated and reactivated
   * when this organisation connected this eBay user before), its tokens and its scopes.
   */
  async connect(
    orgId: string,
    ebayUser: ConnectedEbayUser,
    grant: UserTokenGrant,
    scopes: readonly string[],
    options: ConnectOptions,
  ): Promise<AccountView> {
    const account = await this.txHost.withTransaction(async () => {
      const manager = this.txHost.tx;
      const existing = await this.accounts.findByEbayUser(manager, orgId, ebayUser.userId);
      // A consent for an eBay user eBay reported deleted is not a reconnect (docs/decisions.md).
      if (existing !== null && existing.deletedAt !== null) throw new AccountDeletedError();
      const saved =
        existing === null
          ? await this.accounts.insert(manager, newAccount(orgId, ebayUser, options))
          : await this.accounts.update(existing, this.reconnection(existing, ebayUser, options), manager);
      await this.tokens.storeGrant(manager, saved.id, grant, scopes);
      // Last, just before the commit: the event log's order lock is held from here to the end.
      await this.events.recordForAccount(existing === null ? 'account.connected' : 'account.reconnected', saved.id, {
        marketplaceId: saved.marketplaceId,
        purpose: saved.purpose,
      });
      return saved;
    });
    return (await this.withTokens([account]))[0];
  }

  /**
   * Erases an eBay user's accounts in every organisation inside the caller's transaction, for
   * Marketplace Account Deletion: each becomes a tombstone (inactive, `deletedAt` set, username
   * gone, a house name that held it replaced) and its tokens are wiped. Accounts lock first, in
   * id order, then their token rows (docs/modules.md). Answers the ids erased; none when this
   * user has no account here or was erased already, so a repeated notification changes nothing.
   */
  async eraseEbayUser(manager: EntityManager, ebayUserId: string): Promise<string[]> {
    const accounts = await this.accounts.lockUndeletedByEbayUser(manager, ebayUserId);
    const deletedAt = this.clock.now();
    for (const account of accounts) {
      await this.accounts.update(
        account,
        { isActive: false, deletedAt, username: null, houseName: erasedHouseName(account) },
        manager,
      );
    }
    for (const account of accounts) await this.tokens.wipe(manager, account.id);
    return accounts.map((account) => account.id);
  }

  /** A reconnect reactivates the account and takes what eBay and the user say now. */
  private reconnection(existing: EbayAccount, ebayUser: ConnectedEbayUser, options: ConnectOptions): AccountChanges {
    const marketplaceId = options.marketplaceId ?? existing.marketplaceId ?? ebayUser.registrationMarketplaceId ?? null;
    return {
      isActive: true,
      username: ebayUser.username,
      houseName: options.houseName ?? existing.houseName,
      purpose: options.purpose ?? existing.purpose,
      marketplaceId,
      siteId: options.marketplaceId === undefined && existing.siteId !== null ? existing.siteId : siteIdOf(marketplaceId),
      connectedAt: this.clock.now(),
    };
  }

  private async find(user: AuthUser, id: string): Promise<EbayAccount> {
    const account = await this.accounts.findInScope(this.scopeOf(user), id);
    if (account === null) throw new AccountNotFoundError();
    return account;
  }

  private scopeOf(user: AuthUser): AccountScope {
    return user.isAdmin ? { everyOrg: true } : { orgId: user.id };
  }

  private async withTokens(accounts: EbayAccount[]): Promise<AccountView[]> {
    const summaries = await this.tokens.summaries(accounts.map((account) => account.id));
    return accounts.map((account) => ({ account, token: summaries.get(account.id) }));
  }
}

function newAccount(orgId: string, ebayUser: ConnectedEbayUser, options: ConnectOptions): NewAccount {
  const marketplaceId = options.marketplaceId ?? ebayUser.registrationMarketplaceId ?? null;
  return {
    orgId,
    ebayUserId: ebayUser.userId,
    username: ebayUser.username,
    houseName: options.houseName ?? `Account-${ebayUser.username}`,
    purpose: options.purpose ?? 'BOTH',
    marketplaceId,
    siteId: siteIdOf(marketplaceId),
  };
}
