import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type Repository } from 'typeorm';
import { PreparedStatement } from '../database/prepared-statement';
import { EbayToken } from './entities/ebay-token.entity';

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
  >
>;

/** A lease is free when nobody holds it or its holder's time ran out (database time). */
const LEASE_IS_FREE = '(refresh_lease_until IS NULL OR refresh_lease_until <= now())';
const NO_LEASE = { refreshLeaseId: null, refreshLeaseUntil: null } as const;

/** A token row as the driver returns it (snake_case columns, timestamps as Date). */
interface TokenRow {
  id: string;
  ebay_account_id: string;
  access_token: string | null;
  refresh_token: string | null;
  token_type: string;
  expires_at: Date | null;
  last_refreshed_at: Date | null;
  refresh_error: string | null;
  status: EbayToken['status'];
  refresh_token_expires_at: Date | null;
  refresh_failures: number;
  next_refresh_at: Date | null;
  refresh_lease_id: string | null;
  refresh_lease_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

const TOKEN_COLUMNS = `id, ebay_account_id, access_token, refresh_token, token_type, expires_at, last_refreshed_at,
  refresh_error, status, refresh_token_expires_at, refresh_failures, next_refresh_at, refresh_lease_id,
  refresh_lease_until, created_at, updated_at`;

/** Every read of one account's token: on the path of each cold getAccessToken. */
const TOKEN_BY_ACCOUNT = new PreparedStatement<TokenRow>(
  'ebay_tokens_by_account',
  `SELECT ${TOKEN_COLUMNS} FROM ebay_tokens WHERE ebay_account_id = $1`,
);

/**
 * Takes the lease if it is free and the token can be refreshed, and in the same statement
 * (the same snapshot) reads the row either way: the leased row, or the row as it stands
 * while someone else holds the lease.
 */
const TRY_LEASE = new PreparedStatement<TokenRow & { leased: boolean }>(
  'ebay_tokens_try_lease',
  `WITH taken AS (
     UPDATE ebay_tokens SET refresh_lease_id = $2, refresh_lease_until = now() + make_interval(secs => $3)
      WHERE ebay_account_id = $1 AND status = 'active' AND refresh_token IS NOT NULL AND ${LEASE_IS_FREE}
     RETURNING ${TOKEN_COLUMNS})
   SELECT true AS leased, ${TOKEN_COLUMNS} FROM taken
   UNION ALL
   SELECT false AS leased, ${TOKEN_COLUMNS} FROM ebay_tokens
    WHERE ebay_account_id = $1 AND NOT EXISTS (SELECT 1 FROM taken)`,
);

/**
 * Claims up to $2 tokens due at $1 and pushes their next_refresh_at to $3, in one statement:
 * replicas running it at the same time get other rows (SKIP LOCKED). Oldest due first.
 */
export const CLAIM_DUE_SQL = `WITH due AS (
     SELECT id, ebay_account_id, next_refresh_at FROM ebay_tokens
      WHERE status = 'active' AND refresh_token IS NOT NULL AND next_refresh_at <= $1 AND ${LEASE_IS_FREE}
      ORDER BY next_refresh_at
      LIMIT $2
      FOR UPDATE SKIP LOCKED),
   pushed AS (UPDATE ebay_tokens SET next_refresh_at = $3 FROM due WHERE ebay_tokens.id = due.id)
   SELECT ebay_account_id FROM due ORDER BY next_refresh_at`;
const CLAIM_DUE = new PreparedStatement<{ ebay_account_id: string }>('ebay_tokens_claim_due', CLAIM_DUE_SQL);

/** What trying to take a lease found: the row, and whether the lease is now ours. */
export type LeaseAttempt =
  | { readonly leased: true; readonly row: EbayToken }
  | { readonly leased: false; readonly row: EbayToken | null };

/** Tokens the background refresher has claimed (claimDue) and not refreshed yet. */
export interface Claim {
  readonly accountIds: string[];
  /** The next_refresh_at the claim wrote; giving a claim back checks it is still there. */
  readonly heldUntil: Date;
}

@Injectable()
export class EbayTokenRepository {
  constructor(
    @InjectRepository(EbayToken) private readonly tokens: Repository<EbayToken>,
    private readonly dataSource: DataSource,
  ) {}

  async findByAccountId(accountId: string): Promise<EbayToken | null> {
    const [row] = await TOKEN_BY_ACCOUNT.rows(this.dataSource, [accountId]);
    return row === undefined ? null : toEntity(row);
  }

  findByAccountIds(accountIds: readonly string[]): Promise<EbayToken[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return this.tokens.findBy({ ebayAccountId: In([...accountIds]) });
  }

  /**
   * Takes the account's refresh lease for `seconds` when nobody holds it and the token can be
   * refreshed (active, connected), in one statement (no transaction stays open), and reads
   * the row with it.
   */
  async tryLease(accountId: string, leaseId: string, seconds: number): Promise<LeaseAttempt> {
    const [row] = await TRY_LEASE.rows(this.dataSource, [accountId, leaseId, seconds]);
    if (row === undefined) return { leased: false, row: null };
    return row.leased ? { leased: true, row: toEntity(row) } : { leased: false, row: toEntity(row) };
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
   * Writes a refresh's outcome and gives the lease back, only if the lease is still this
   * attempt's: false when it is not (it ran out and was taken over, or a disconnect or a new
   * consent replaced the row's tokens meanwhile), and nothing is written.
   */
  async updateUnderLease(tokenId: string, leaseId: string, changes: TokenChanges): Promise<boolean> {
    const result = await this.tokens.update({ id: tokenId, refreshLeaseId: leaseId }, { ...changes, ...NO_LEASE });
    return result.affected === 1;
  }

  /** Gives the lease back without changing the tokens (nothing needed doing, or it failed). */
  async releaseLease(tokenId: string, leaseId: string): Promise<void> {
    await this.tokens.update({ id: tokenId, refreshLeaseId: leaseId }, NO_LEASE);
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
   * Claims up to `limit` tokens due for a refresh and pushes their next_refresh_at out by the
   * lease, so replicas get other rows and a claim abandoned by a crashed replica comes back
   * after the lease. Rows being refreshed right now (a caller's on-demand refresh holds the
   * lease) are left alone.
   */
  async claimDue(now: Date, limit: number, leaseSeconds: number): Promise<Claim> {
    const heldUntil = new Date(now.getTime() + leaseSeconds * 1000);
    const rows = await CLAIM_DUE.rows(this.dataSource, [now, limit, heldUntil]);
    return { accountIds: rows.map((row) => row.ebay_account_id), heldUntil };
  }

  /**
   * Makes claimed tokens due again (a replica stopping before it got to them), so another
   * replica need not wait out the claim. Rows refreshed meanwhile have moved on and stay.
   */
  async returnClaim(claim: Claim, now: Date): Promise<void> {
    if (claim.accountIds.length === 0) return;
    await this.dataSource.query(
      `UPDATE ebay_tokens SET next_refresh_at = $1 WHERE ebay_account_id = ANY($2::uuid[]) AND next_refresh_at = $3`,
      [now, claim.accountIds, claim.heldUntil],
    );
  }

  /** Forgets the account's tokens (disconnect), keeping the row's history; a running refresh loses its lease. */
  async wipe(manager: EntityManager, accountId: string): Promise<void> {
    await manager
      .getRepository(EbayToken)
      .update({ ebayAccountId: accountId }, { accessToken: null, refreshToken: null, nextRefreshAt: null, ...NO_LEASE });
  }
}

function toEntity(row: TokenRow): EbayToken {
  return Object.assign(new EbayToken(), {
    id: row.id,
    ebayAccountId: row.ebay_account_id,
    accessToken: row.access_token,
    refreshToken: row.refresh_token,
    tokenType: row.token_type,
    expiresAt: row.expires_at,
    lastRefreshedAt: row.last_refreshed_at,
    refreshError: row.refresh_error,
    status: row.status,
    refreshTokenExpiresAt: row.refresh_token_expires_at,
    refreshFailures: row.refresh_failures,
    nextRefreshAt: row.next_refresh_at,
    refreshLeaseId: row.refresh_lease_id,
    refreshLeaseUntil: row.refresh_lease_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
