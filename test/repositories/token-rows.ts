import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface TokenRowSeed {
  readonly status?: 'active' | 'reauth_required';
  readonly refreshToken?: string | null;
  readonly accessToken?: string | null;
  /** Seconds from now; negative for the past. */
  readonly nextRefreshInSeconds?: number | null;
  readonly leaseSecondsLeft?: number;
}

/**
 * An organisation with one eBay account and its token row, inserted with SQL so repository
 * specs start from exactly the rows they describe. Each call makes rows of its own.
 */
export async function aTokenRow(dataSource: DataSource, seed: TokenRowSeed = {}): Promise<{ accountId: string; tokenId: string }> {
  const [user] = (await dataSource.query(`INSERT INTO users (email, password_hash) VALUES ($1, 'x') RETURNING id`, [
    `${randomUUID()}@example.com`,
  ])) as { id: string }[];
  const houseName = `House-${randomUUID()}`;
  const [account] = (await dataSource.query(
    `INSERT INTO ebay_accounts (org_id, ebay_user_id, house_name, house_name_key) VALUES ($1, $2, $3, lower($3)) RETURNING id`,
    [user.id, randomUUID(), houseName],
  )) as { id: string }[];
  const [token] = (await dataSource.query(
    `INSERT INTO ebay_tokens (ebay_account_id, access_token, refresh_token, status, expires_at, next_refresh_at,
                              refresh_lease_id, refresh_lease_until)
     VALUES ($1, $2, $3, $4, now() + interval '2 hours',
             CASE WHEN $5::int IS NULL THEN NULL ELSE now() + make_interval(secs => $5::int) END,
             CASE WHEN $6::int IS NULL THEN NULL ELSE gen_random_uuid() END,
             CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(secs => $6::int) END)
     RETURNING id`,
    [
      account.id,
      seed.accessToken === undefined ? 'access' : seed.accessToken,
      seed.refreshToken === undefined ? 'refresh' : seed.refreshToken,
      seed.status ?? 'active',
      seed.nextRefreshInSeconds === undefined ? -10 : seed.nextRefreshInSeconds,
      seed.leaseSecondsLeft ?? null,
    ],
  )) as { id: string }[];
  return { accountId: account.id, tokenId: token.id };
}
