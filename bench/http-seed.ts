import type { Client } from 'pg';
import { DEFAULT_EBAY_SCOPES } from '../src/config/default-ebay-scopes';

/** Rows per INSERT: big enough to seed 100,000 accounts in seconds, small enough for memory. */
const BATCH = 10_000;

/**
 * Random hex of `chars` characters, made in PostgreSQL per row (the reference to `a.id` keeps
 * it from running once for all rows). It does not compress, as real ciphertext does not, so
 * the rows are as wide on disk as the service's.
 */
const randomHex = (chars: number): string =>
  `left((SELECT string_agg(replace(gen_random_uuid()::text, '-', ''), '') FROM generate_series(1, ${Math.ceil(chars / 32)}) WHERE a.id IS NOT NULL), ${chars})`;

/**
 * Adds `count` connected accounts, numbered on from `from`, account n to `orgIds[n % length]`
 * (so repeating an organisation gives it that share, interleaved in time), as the service
 * stores them: the account, its token row with ciphertext as wide as the service writes
 * (a user access token of about 2 kB and a refresh token, encrypted and base64url: about
 * 2.6 kB a row, `v1.<kid>.<iv>.<ciphertext>.<tag>`) and the consented scopes. About 1 % of the
 * tokens are due for refresh, the rest spread over the next two hours.
 */
export async function seedAccounts(client: Client, orgIds: readonly string[], from: number, count: number): Promise<void> {
  for (let start = from; start < from + count; start += BATCH) {
    const size = Math.min(BATCH, from + count - start);
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO ebay_accounts (org_id, ebay_user_id, username, house_name, house_name_key, marketplace_id, site_id, created_at)
       SELECT ($1::uuid[])[1 + n % array_length($1::uuid[], 1)], 'bench-user-' || n, 'bench_seller_' || n, 'Bench ' || n,
              'bench ' || n, 'EBAY_US', 0, clock_timestamp()
         FROM generate_series($2::int, $3::int) AS n`,
      [orgIds, start, start + size - 1],
    );
    await client.query(
      `INSERT INTO ebay_tokens (ebay_account_id, access_token, refresh_token, expires_at, last_refreshed_at,
                                refresh_token_expires_at, next_refresh_at)
       SELECT a.id,
              'v1.bench.' || ${randomHex(16)} || '.' || ${randomHex(2_534)} || '.' || ${randomHex(22)},
              'v1.bench.' || ${randomHex(16)} || '.' || ${randomHex(187)} || '.' || ${randomHex(22)},
              a.due + interval '15 minutes', a.due - interval '105 minutes', now() + interval '540 days', a.due
         FROM (SELECT id, now() + (random() * 122 - 1) * interval '1 minute' AS due
                 FROM ebay_accounts
                WHERE org_id = ANY($1::uuid[])
                  AND NOT EXISTS (SELECT 1 FROM ebay_tokens t WHERE t.ebay_account_id = ebay_accounts.id)) AS a`,
      [orgIds],
    );
    await client.query(
      `INSERT INTO ebay_authorizations (ebay_account_id, scopes)
       SELECT a.id, $2 FROM ebay_accounts a
        WHERE a.org_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM ebay_authorizations s WHERE s.ebay_account_id = a.id)`,
      [orgIds, [...DEFAULT_EBAY_SCOPES]],
    );
    await client.query('COMMIT');
  }
  // Fresh statistics and visibility map, as autovacuum would leave a table at rest.
  for (const table of ['ebay_accounts', 'ebay_tokens', 'ebay_authorizations']) await client.query(`VACUUM ANALYZE ${table}`);
}

/** Organisations (users) that own nothing yet, straight into the table: nobody logs in as them. */
export async function seedOrganisations(client: Client, count: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO users (email, password_hash)
     SELECT 'bench-org-' || n || '-' || gen_random_uuid() || '@example.com', 'not a password hash'
       FROM generate_series(1, $1::int) AS n RETURNING id`,
    [count],
  );
  return rows.map((row) => row.id);
}
