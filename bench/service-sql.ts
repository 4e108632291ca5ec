/**
 * The statements the service runs for the routes bench/http-throughput.ts measures, written
 * out for the bare server and the query plans. Kept equal to their sources by hand; the bench
 * checks that the bare server's answer equals the service's before it measures anything.
 */

/** JwtStrategy.validate → UsersRepository.findActiveCaller: $1 the user. */
export { ACTIVE_CALLER_SQL as ACTIVE_CALLER } from '../src/auth/users.repository';

/** The proxy's EbayAccountRepository.findInScopeForCall: $1 the account, $2 the organisation. */
export { ACCOUNT_FOR_CALL_SQL as ACCOUNT_FOR_CALL } from '../src/accounts/ebay-account.repository';

const ACCOUNT_COLUMNS = `id, org_id, ebay_user_id, username, house_name, house_name_key, purpose, marketplace_id, site_id,
  connected_at, is_active, deleted_at, created_at, updated_at,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position_created_at`;

/** AccountPageRepository.byOffset for one organisation: $1 org, $2 limit + 1, $3 offset. */
export const ORG_PAGE_BY_OFFSET = `SELECT ${ACCOUNT_COLUMNS}, (SELECT count(*)::int FROM ebay_accounts WHERE org_id = $1) AS total
  FROM ebay_accounts WHERE org_id = $1
 ORDER BY created_at, id LIMIT $2 OFFSET $3`;

/** AccountPageRepository.after for one organisation: $1 org, $2 created_at text, $3 id, $4 limit + 1. */
export const ORG_PAGE_AFTER = `SELECT ${ACCOUNT_COLUMNS} FROM ebay_accounts
 WHERE org_id = $1 AND (created_at, id) > ($2::timestamptz, $3::uuid)
 ORDER BY created_at, id LIMIT $4`;

/** AccountPageRepository.byOffset with all=true: $1 limit + 1, $2 offset. */
export const ALL_PAGE_BY_OFFSET = `SELECT ${ACCOUNT_COLUMNS}, (SELECT count(*)::int FROM ebay_accounts WHERE true) AS total
  FROM ebay_accounts WHERE true
 ORDER BY created_at, id LIMIT $1 OFFSET $2`;

/** AccountPageRepository.after with all=true: $1 created_at text, $2 id, $3 limit + 1. */
export const ALL_PAGE_AFTER = `SELECT ${ACCOUNT_COLUMNS} FROM ebay_accounts
 WHERE true AND (created_at, id) > ($1::timestamptz, $2::uuid)
 ORDER BY created_at, id LIMIT $3`;

/** TokenSummaryRepository.forAccounts: $1 the page's account ids. */
export { TOKEN_SUMMARIES_SQL as TOKEN_SUMMARIES } from '../src/tokens/token-summary.repository';

/** The background refresher's claim, as the service sends it: $1 now, $2 limit, $3 held until, $4 lease seconds, $5 every token (policy all), $6 used since. */
export { CLAIM_DUE_SQL as CLAIM_DUE } from '../src/tokens/token-statements';

/** /health/ready: terminus' TypeORM ping, then MigrationsHealthIndicator (readMigrationState). */
export const READY_CHECKS = [
  'SELECT 1',
  `SELECT to_regclass('migrations') IS NOT NULL AS exists`,
  'SELECT name FROM migrations',
] as const;
