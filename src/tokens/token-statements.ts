import { PreparedStatement } from '../database/prepared-statement';
import { EbayToken } from './entities/ebay-token.entity';

/**
 * The statements on the refresh path, prepared once per connection: on a busy replica every
 * refresh runs two of them (its claim's share, and the store), and every cold token read one.
 */

/** A lease is free when nobody holds it or its holder's time ran out (database time). */
export const LEASE_IS_FREE = '(refresh_lease_until IS NULL OR refresh_lease_until <= now())';

/** A token row as the driver returns it (snake_case columns, timestamps as Date). */
export interface TokenRow {
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
  last_used_at: Date | null;
  refresh_failing_since: Date | null;
  refresh_lease_id: string | null;
  refresh_lease_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** A row with the scopes its owner consented to, read in the statement that leased it. */
export interface LeasedTokenRow extends TokenRow {
  scopes: string[] | null;
}

const COLUMNS = [
  'id',
  'ebay_account_id',
  'access_token',
  'refresh_token',
  'token_type',
  'expires_at',
  'last_refreshed_at',
  'refresh_error',
  'status',
  'refresh_token_expires_at',
  'refresh_failures',
  'next_refresh_at',
  'last_used_at',
  'refresh_failing_since',
  'refresh_lease_id',
  'refresh_lease_until',
  'created_at',
  'updated_at',
] as const;
const TOKEN_COLUMNS = COLUMNS.join(', ');
const columnsOf = (table: string): string => COLUMNS.map((column) => `${table}.${column}`).join(', ');
const SCOPES_OF = (table: string): string =>
  `(SELECT a.scopes FROM ebay_authorizations a WHERE a.ebay_account_id = ${table}.ebay_account_id) AS scopes`;
/** Only these can be refreshed; a lease is never taken on any other row. */
const REFRESHABLE = `status = 'active' AND refresh_token IS NOT NULL AND ${LEASE_IS_FREE}`;

/** What handing out an access token needs of the row, and nothing more (no refresh token). */
export interface AccessTokenRow {
  access_token: string | null;
  expires_at: Date | null;
  status: EbayToken['status'];
  is_connected: boolean;
}

/** The read of each cold getAccessToken. */
export const ACCESS_TOKEN_BY_ACCOUNT = new PreparedStatement<AccessTokenRow>(
  'ebay_tokens_access_token_by_account',
  `SELECT access_token, expires_at, status, refresh_token IS NOT NULL AS is_connected
     FROM ebay_tokens WHERE ebay_account_id = $1`,
);

/** Marks the accounts $1 as used now (the warm window of TOKEN_REFRESH_POLICY=active). */
export const MARK_USED = new PreparedStatement<never>(
  'ebay_tokens_mark_used',
  `UPDATE ebay_tokens SET last_used_at = now() WHERE ebay_account_id = ANY($1::uuid[])`,
);

/** One account's whole token row. */
export const TOKEN_BY_ACCOUNT = new PreparedStatement<TokenRow>(
  'ebay_tokens_by_account',
  `SELECT ${TOKEN_COLUMNS} FROM ebay_tokens WHERE ebay_account_id = $1`,
);

/**
 * Takes the lease ($2, for $3 seconds) of account $1 if it is free and the token can be
 * refreshed, and in the same statement (one snapshot) reads the row either way: leased, with
 * its scopes, or as it stands while someone else holds the lease.
 */
export const TRY_LEASE = new PreparedStatement<LeasedTokenRow & { leased: boolean }>(
  'ebay_tokens_try_lease',
  `WITH taken AS (
     UPDATE ebay_tokens SET refresh_lease_id = $2, refresh_lease_until = now() + make_interval(secs => $3)
      WHERE ebay_account_id = $1 AND ${REFRESHABLE}
     RETURNING ${TOKEN_COLUMNS})
   SELECT true AS leased, ${TOKEN_COLUMNS}, ${SCOPES_OF('taken')} FROM taken
   UNION ALL
   SELECT false AS leased, ${TOKEN_COLUMNS}, NULL::text[] AS scopes FROM ebay_tokens
    WHERE ebay_account_id = $1 AND NOT EXISTS (SELECT 1 FROM taken)`,
);

/**
 * The background refresher's claim: up to $2 tokens due at $1, oldest first, each leased to an
 * attempt of its own for $4 seconds, their next_refresh_at pushed to $3 (a replica that dies
 * with claims leaves them due again then). With $5 false (TOKEN_REFRESH_POLICY=active) only
 * tokens used since $6 are claimed. Replicas claiming at once get other rows (SKIP LOCKED).
 * Returns the leased rows with their scopes.
 */
export const CLAIM_DUE_SQL = `WITH due AS (
     SELECT id, next_refresh_at FROM ebay_tokens
      WHERE ${REFRESHABLE} AND next_refresh_at <= $1 AND ($5::boolean OR last_used_at >= $6)
      ORDER BY next_refresh_at
      LIMIT $2
      FOR UPDATE SKIP LOCKED)
   UPDATE ebay_tokens t
      SET next_refresh_at = $3, refresh_lease_id = gen_random_uuid(),
          refresh_lease_until = now() + make_interval(secs => $4)
     FROM due WHERE t.id = due.id
   RETURNING ${columnsOf('t')}, ${SCOPES_OF('t')}, due.next_refresh_at AS due_at`;
export const CLAIM_DUE = new PreparedStatement<LeasedTokenRow & { due_at: Date }>('ebay_tokens_claim_due', CLAIM_DUE_SQL);

/**
 * Stores a refresh's new access token (and the refresh token, when eBay sends one) and gives
 * the lease back, only while the lease ($2) is still this attempt's. A success ends any run of
 * failures, announced (refresh_failing_since) or not.
 */
export const STORE_REFRESH = new PreparedStatement<{ id: string }>(
  'ebay_tokens_store_refresh',
  `UPDATE ebay_tokens
      SET access_token = $3, token_type = $4, expires_at = $5, last_refreshed_at = $6, next_refresh_at = $7,
          refresh_token = COALESCE($8, refresh_token),
          refresh_token_expires_at = CASE WHEN $8::text IS NULL THEN refresh_token_expires_at ELSE $9 END,
          refresh_error = NULL, refresh_failures = 0, refresh_failing_since = NULL,
          refresh_lease_id = NULL, refresh_lease_until = NULL, updated_at = now()
    WHERE id = $1 AND refresh_lease_id = $2
   RETURNING id`,
);

export function toEntity(row: TokenRow): EbayToken {
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
    lastUsedAt: row.last_used_at,
    refreshFailingSince: row.refresh_failing_since,
    refreshLeaseId: row.refresh_lease_id,
    refreshLeaseUntil: row.refresh_lease_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
