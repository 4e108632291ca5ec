import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { EbayToken } from './entities/ebay-token.entity';
import {
  ACCESS_TOKEN_BY_ACCOUNT,
  CLAIM_DUE,
  LEASE_IS_FREE,
  type LeasedTokenRow,
  STORE_REFRESH,
  TOKEN_BY_ACCOUNT,
  toEntity,
  TRY_LEASE,
} from './token-statements';

export type TokenChanges = Partial<
  Pick<
    EbayToken,
    | 'accessToken'
    | 'refreshToken'
    | 'tokenType'
    | 'expiresAt'
    | 'lastRefreshedAt'
    | 'refreshError'
    | 'status'
    | 'refreshTokenExpiresAt'
    | 'refreshFailures'
    | 'nextRefreshAt'
    | 'lastUsedAt'
    | 'refreshFailingSince'
  >
>;

const NO_LEASE = { refreshLeaseId: null, refreshLeaseUntil: null } as const;

/** An account's access token as stored (ciphertext), for handing it out. */
export interface StoredAccessToken {
  readonly accessToken: string | null;
  readonly expiresAt: Date | null;
  readonly status: EbayToken['status'];
  /** False once disconnected: there is no refresh token any more. */
  readonly isConnected: boolean;
}

/** A token whose refresh lease this attempt holds, with the scopes to ask eBay for. */
export interface LeasedToken {
  readonly row: EbayToken;
  readonly leaseId: string;
  readonly scopes: string[];
}

/** What trying to take a lease found: the leased token, or the row as someone else holds it. */
export type LeaseAttempt =
  | { readonly leased: true; readonly token: LeasedToken }
  | { readonly leased: false; readonly row: EbayToken | null };

/** Tokens the background refresher has claimed (claimDue), each leased to its own attempt. */
export interface Claim {
  /** Oldest due first. */
  readonly tokens: LeasedToken[];
  /** The next_refresh_at the claim wrote; giving a claim back checks it is still there. */
  readonly heldUntil: Date;
}

/** Which tokens the background refresher keeps warm: every one, or those used recently. */
export interface WarmTokens {
  /** Undefined: every token (TOKEN_REFRESH_POLICY=all). */
  readonly usedWithinSeconds: number | undefined;
}

/** What a successful refresh stores. */
export interface RefreshedTokens {
  readonly accessToken: string;
  readonly tokenType: string;
  readonly expiresAt: Date;
  readonly refreshedAt: Date;
  readonly nextRefreshAt: Date;
  /** Only when eBay sent a new one (it does not rotate them); the stored one stays otherwise. */
  readonly refreshToken?: { readonly value: string; readonly expiresAt: Date | null };
}

@Injectable()
export class EbayTokenRepository {
  constructor(
    @InjectRepository(EbayToken) private readonly tokens: Repository<EbayToken>,
    private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** The stored access token and whether it can be handed out, without the refresh token. */
  async findAccessToken(accountId: string): Promise<StoredAccessToken | null> {
    const [row] = await ACCESS_TOKEN_BY_ACCOUNT.rows(this.dataSource, [accountId]);
    if (row === undefined) return null;
    return { accessToken: row.access_token, expiresAt: row.expires_at, status: row.status, isConnected: row.is_connected };
  }

  async findByAccountId(accountId: string): Promise<EbayToken | null> {
    const [row] = await TOKEN_BY_ACCOUNT.rows(this.dataSource, [accountId]);
    return row === undefined ? null : toEntity(row);
  }

  /**
   * Takes the account's refresh lease for `seconds` when nobody holds it and the token can be
   * refreshed (active, connected), in one statement (no transaction stays open), and reads
   * the row with it.
   */
  async tryLease(accountId: string, leaseId: string, seconds: number): Promise<LeaseAttempt> {
    const [row] = await TRY_LEASE.rows(this.dataSource, [accountId, leaseId, seconds]);
    if (row === undefined) return { leased: false, row: null };
    return row.leased ? { leased: true, token: leasedToken(row) } : { leased: false, row: toEntity(row) };
  }

  /** True once nobody holds the account's lease any more (or it has no token row). */
  async isLeaseFree(accountId: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      `SELECT ${LEASE_IS_FREE} AS free FROM ebay_tokens WHERE ebay_account_id = $1`,
      [accountId],
    )) as { free: boolean }[];
    return row === undefined || row.free;
  }

  /**
   * Stores a refresh's new tokens and gives the lease back, only if the lease is still this
   * attempt's: false when it is not (it ran out and was taken over, or a disconnect or a new
   * consent replaced the row's tokens meanwhile), and nothing is written.
   */
  async storeRefresh(token: LeasedToken, refreshed: RefreshedTokens): Promise<boolean> {
    const rows = await STORE_REFRESH.rows(this.dataSource, storeRefreshValues(token, refreshed));
    return rows.length === 1;
  }

  /**
   * storeRefresh inside the transaction that is open (TransactionHost), for a refresh whose
   * success is announced with it (account.recovered).
   */
  async storeRefreshInTransaction(token: LeasedToken, refreshed: RefreshedTokens): Promise<boolean> {
    const rows = await STORE_REFRESH.rowsIn(this.txHost.tx, storeRefreshValues(token, refreshed));
    return rows.length === 1;
  }

  /** Like storeRefresh, for what a failed refresh records; joins the transaction that is open, if any. */
  async updateUnderLease(token: LeasedToken, changes: TokenChanges): Promise<boolean> {
    const result = await this.txHost.tx
      .getRepository(EbayToken)
      .update({ id: token.row.id, refreshLeaseId: token.leaseId }, { ...changes, ...NO_LEASE });
    return result.affected === 1;
  }

  /**
   * Inside the open transaction, holds the token's account row (FOR KEY SHARE) until it ends.
   * An event about the account takes this lock anyway (its foreign key), after the event log's
   * order lock; taken first, before the token row, it keeps the order every writer of both
   * keeps (account, token, event log: docs/modules.md), so a disconnect or a new consent
   * running at the same time waits or is waited for, and never deadlocks with a refresh.
   */
  async holdAccount(accountId: string): Promise<void> {
    await this.txHost.tx.query(`SELECT 1 FROM ebay_accounts WHERE id = $1 FOR KEY SHARE`, [accountId]);
  }

  /** Gives the lease back without changing the tokens (nothing needed doing, or it failed). */
  async releaseLease(token: LeasedToken): Promise<void> {
    await this.tokens.update({ id: token.row.id, refreshLeaseId: token.leaseId }, NO_LEASE);
  }

  /**
   * Creates the account's token row, or replaces its content on a reconnect. A refresh still
   * running with the old grant loses its lease, so it cannot overwrite the new tokens.
   */
  async upsertForAccount(manager: EntityManager, accountId: string, changes: TokenChanges): Promise<void> {
    await manager
      .getRepository(EbayToken)
      .upsert({ ebayAccountId: accountId, ...changes, ...NO_LEASE }, { conflictPaths: ['ebayAccountId'] });
  }

  /**
   * Claims up to `limit` tokens due for a refresh (of those `warm` keeps warm), leasing each to
   * an attempt of its own for `leaseSeconds`, and pushes their next_refresh_at out by `claimSeconds`, so replicas get
   * other rows and the claims of a replica that crashed come back. Rows being refreshed right
   * now (a caller's on-demand refresh holds the lease) are left alone.
   */
  async claimDue(now: Date, limit: number, leaseSeconds: number, claimSeconds: number, warm: WarmTokens): Promise<Claim> {
    const heldUntil = new Date(now.getTime() + claimSeconds * 1000);
    const usedSince = warm.usedWithinSeconds === undefined ? now : new Date(now.getTime() - warm.usedWithinSeconds * 1000);
    const rows = await CLAIM_DUE.rows(this.dataSource, [now, limit, heldUntil, leaseSeconds, warm.usedWithinSeconds === undefined, usedSince]);
    rows.sort((a, b) => a.due_at.getTime() - b.due_at.getTime());
    return { tokens: rows.map(leasedToken), heldUntil };
  }

  /**
   * Gives claimed tokens back unrefreshed (a replica stopping before it got to them): their
   * leases end and they are due again, so another replica need not wait out the claim. Rows
   * whose lease has changed hands since are left as they are.
   */
  async returnClaim(claim: Claim, now: Date): Promise<void> {
    if (claim.tokens.length === 0) return;
    await this.dataSource.query(
      `UPDATE ebay_tokens t SET next_refresh_at = $1, refresh_lease_id = NULL, refresh_lease_until = NULL
         FROM unnest($2::uuid[], $3::uuid[]) AS claimed(id, lease_id)
        WHERE t.id = claimed.id AND t.refresh_lease_id = claimed.lease_id AND t.next_refresh_at = $4`,
      [now, claim.tokens.map((token) => token.row.id), claim.tokens.map((token) => token.leaseId), claim.heldUntil],
    );
  }

  /** Forgets the account's tokens (disconnect), keeping the row's history; a running refresh loses its lease. */
  async wipe(manager: EntityManager, accountId: string): Promise<void> {
    await manager
      .getRepository(EbayToken)
      .update(
        { ebayAccountId: accountId },
        { accessToken: null, refreshToken: null, nextRefreshAt: null, refreshFailingSince: null, ...NO_LEASE },
      );
  }
}

function storeRefreshValues(token: LeasedToken, refreshed: RefreshedTokens): unknown[] {
  return [
    token.row.id,
    token.leaseId,
    refreshed.accessToken,
    refreshed.tokenType,
    refreshed.expiresAt,
    refreshed.refreshedAt,
    refreshed.nextRefreshAt,
    refreshed.refreshToken?.value ?? null,
    refreshed.refreshToken?.expiresAt ?? null,
  ];
}

function leasedToken(row: LeasedTokenRow): LeasedToken {
  return { row: toEntity(row), leaseId: row.refresh_lease_id!, scopes: row.scopes ?? [] };
}
