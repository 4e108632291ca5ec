import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource } from 'typeorm';
import { EbayAccount } from '../src/accounts/entities/ebay-account.entity';
import { User } from '../src/auth/entities/user.entity';
import { DEFAULT_WARM_WINDOW_SECONDS, EBAY_DAILY_REFRESH_GRANTS } from '../src/config/refresh-timing';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { EbayTokenRepository, type WarmTokens } from '../src/tokens/ebay-token.repository';
import { EbayAuthorization } from '../src/tokens/entities/ebay-authorization.entity';
import { EbayToken } from '../src/tokens/entities/ebay-token.entity';
import { nextRefreshAt, REFRESH_LEASE_SECONDS } from '../src/tokens/refresh-policy';

const DAY_SECONDS = 86_400;
/** eBay's user access tokens live two hours. */
const ACCESS_TOKEN_SECONDS = 7_200;
const HORIZON_SECONDS = 900;
const STEP_SECONDS = 30;
const CLAIM_SECONDS = 120;

export interface PolicyDay {
  readonly accounts: number;
  readonly used: number;
  readonly activeGrants: number;
  readonly allGrants: number;
}

/**
 * A day of the refresher on a simulated clock, with the service's own claim (its SQL, the
 * policy's warm window) and refresh schedule (nextRefreshAt), once per policy: `used` accounts
 * were used at the start of the day, the rest two days before. eBay is not called; each claimed
 * token counts as one grant and is stored as refreshed at that moment.
 */
export async function simulatePolicyDay(databaseUrl: string, used: number): Promise<PolicyDay> {
  const dataSource = await new DataSource(
    buildDataSourceOptions({ url: databaseUrl, poolSize: 2, entities: [User, EbayAccount, EbayToken, EbayAuthorization] }),
  ).initialize();
  try {
    const tokens = new EbayTokenRepository(dataSource.getRepository(EbayToken), dataSource, outsideTransactions(dataSource));
    const [{ accounts }] = (await dataSource.query(`SELECT count(*)::int AS accounts FROM ebay_tokens`)) as { accounts: number }[];
    const activeGrants = await simulate(dataSource, tokens, used, { usedWithinSeconds: DEFAULT_WARM_WINDOW_SECONDS });
    const allGrants = await simulate(dataSource, tokens, used, { usedWithinSeconds: undefined });
    return { accounts, used, activeGrants, allGrants };
  } finally {
    await dataSource.destroy();
  }
}

async function simulate(dataSource: DataSource, tokens: EbayTokenRepository, used: number, warm: WarmTokens): Promise<number> {
  const start = new Date();
  // Every token just refreshed at the start, `used` of them used then, the rest idle for two days.
  const firstDue = nextRefreshAt(start, new Date(start.getTime() + ACCESS_TOKEN_SECONDS * 1000), HORIZON_SECONDS);
  await dataSource.query(
    `UPDATE ebay_tokens t SET expires_at = $1::timestamptz + make_interval(secs => $2), next_refresh_at = $3,
            refresh_lease_id = NULL, refresh_lease_until = NULL,
            last_used_at = CASE WHEN ranked.n <= $4 THEN $1::timestamptz ELSE $1::timestamptz - interval '2 days' END
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM ebay_tokens) ranked
      WHERE t.id = ranked.id`,
    [start, ACCESS_TOKEN_SECONDS, firstDue, used],
  );
  let grants = 0;
  for (let second = STEP_SECONDS; second <= DAY_SECONDS; second += STEP_SECONDS) {
    const now = new Date(start.getTime() + second * 1000);
    const claim = await tokens.claimDue(now, 1_000_000, REFRESH_LEASE_SECONDS, CLAIM_SECONDS, warm);
    if (claim.tokens.length === 0) continue;
    grants += claim.tokens.length;
    const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_SECONDS * 1000);
    // What storeRefresh writes, for the whole claim at once.
    await dataSource.query(
      `UPDATE ebay_tokens SET expires_at = $1, next_refresh_at = $2, refresh_lease_id = NULL, refresh_lease_until = NULL
        WHERE id = ANY($3::uuid[])`,
      [expiresAt, nextRefreshAt(now, expiresAt, HORIZON_SECONDS), claim.tokens.map((token) => token.row.id)],
    );
  }
  return grants;
}

/** The largest fleet whose day fits eBay's daily grants, when `used` of `accounts` are used. */
export function largestFleet(day: PolicyDay): { active: number; all: number } {
  const perAccountAll = day.allGrants / day.accounts;
  const perAccountActive = day.activeGrants / day.accounts;
  return {
    all: Math.floor(EBAY_DAILY_REFRESH_GRANTS / perAccountAll),
    active: Math.floor(EBAY_DAILY_REFRESH_GRANTS / perAccountActive),
  };
}

/** Without Nest there is no transaction to join: the repository queries the pool, as outside one in the app. */
function outsideTransactions(dataSource: DataSource): TransactionHost<TransactionalAdapterTypeOrm> {
  return { tx: dataSource.manager } as unknown as TransactionHost<TransactionalAdapterTypeOrm>;
}
