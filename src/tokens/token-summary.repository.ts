import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TokenStatus } from './entities/ebay-token.entity';

/** What a summary needs of an account's token row and its consent, and nothing else. */
export interface TokenSummaryRow {
  readonly accountId: string;
  readonly status: TokenStatus;
  /** The refresh token is stored (false once disconnected): its value is never read here. */
  readonly hasRefreshToken: boolean;
  readonly expiresAt: Date | null;
  readonly lastRefreshedAt: Date | null;
  readonly refreshTokenExpiresAt: Date | null;
  readonly refreshError: string | null;
  readonly refreshFailures: number;
  /** Empty when the account has no authorization row. */
  readonly scopes: string[];
}

/** The summaries of the accounts $1 (uuid[]); ebay_authorizations has at most one row per account. */
export const TOKEN_SUMMARIES_SQL = `SELECT t.ebay_account_id AS "accountId",
        t.status,
        t.refresh_token IS NOT NULL AS "hasRefreshToken",
        t.expires_at AS "expiresAt",
        t.last_refreshed_at AS "lastRefreshedAt",
        t.refresh_token_expires_at AS "refreshTokenExpiresAt",
        t.refresh_error AS "refreshError",
        t.refresh_failures AS "refreshFailures",
        coalesce(a.scopes, '{}') AS scopes
   FROM ebay_tokens t
   LEFT JOIN ebay_authorizations a ON a.ebay_account_id = t.ebay_account_id
  WHERE t.ebay_account_id = ANY($1::uuid[])`;

/**
 * The token state the account list shows, in one statement for a whole page: the summary
 * columns and the consented scopes, never the ciphertext columns (about 2.6 kB a row, which
 * the list never shows).
 */
@Injectable()
export class TokenSummaryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One row per account that has a token row. */
  async forAccounts(accountIds: readonly string[]): Promise<TokenSummaryRow[]> {
    if (accountIds.length === 0) return [];
    return this.dataSource.query(TOKEN_SUMMARIES_SQL, [accountIds]);
  }
}
