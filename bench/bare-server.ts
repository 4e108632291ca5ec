/**
 * The floor for bench/http-throughput.ts: Express and `pg` alone, doing what the service must
 * do for the two measured routes and nothing else: check the JWT (jsonwebtoken with a
 * KeyObject, as the service does), run the same statements (bench/service-sql.ts) on a pool
 * of the service's default size, and send the same body. Runs as a process of its own, like
 * the service, so neither shares an event loop with the load generator.
 *
 *   BARE_DATABASE_URL=… BARE_JWT_SECRET=… node … bench/bare-server.ts --port=N --migrations=A,B
 */
import { createSecretKey } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';
import { JWT_ALGORITHM, JWT_ISSUER } from '../src/auth/jwt-settings';
import { encodeCursor } from '../src/common/paging/keyset-cursor';
import { READY_CHECKS, TOKEN_SUMMARIES, ORG_PAGE_BY_OFFSET, USER_BY_ID } from './service-sql';

/** DATABASE_POOL_SIZE's default (src/config/load-configuration.ts). */
const POOL_SIZE = 10;
/** Within 30 days the owner is asked to reconnect (src/tokens/refresh-policy.ts). */
const RECONNECT_SOON_MS = 30 * 86_400_000;

interface AccountRow {
  readonly id: string;
  readonly org_id: string;
  readonly ebay_user_id: string;
  readonly username: string | null;
  readonly house_name: string;
  readonly purpose: string;
  readonly marketplace_id: string | null;
  readonly site_id: number | null;
  readonly connected_at: Date;
  readonly is_active: boolean;
  readonly deleted_at: Date | null;
  readonly position_created_at: string;
  readonly total: number;
}

interface SummaryRow {
  readonly accountId: string;
  readonly status: string;
  readonly hasRefreshToken: boolean;
  readonly expiresAt: Date | null;
  readonly lastRefreshedAt: Date | null;
  readonly refreshTokenExpiresAt: Date | null;
  readonly refreshError: string | null;
  readonly refreshFailures: number;
  readonly scopes: string[];
}

const argument = (name: string): string =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? '';

const pool = new Pool({ connectionString: process.env.BARE_DATABASE_URL, max: POOL_SIZE });
const key = createSecretKey(Buffer.from(process.env.BARE_JWT_SECRET ?? '', 'utf8'));
const migrations = new Set(argument('migrations').split(','));
const app = express();

/** The signed-in, active user's id, or undefined after answering 401. */
async function authenticate(request: Request, response: Response): Promise<string | undefined> {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  try {
    const claims = jwt.verify(token ?? '', key, { algorithms: [JWT_ALGORITHM], issuer: JWT_ISSUER }) as { sub: string };
    const { rows } = await pool.query<{ id: string; is_active: boolean }>(USER_BY_ID, [claims.sub]);
    if (rows[0]?.is_active === true) return rows[0].id;
  } catch {
    // Answered below, as the service does.
  }
  response.status(401).json({ statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' });
  return undefined;
}

app.get('/api/ebay-accounts', async (request, response) => {
  const orgId = await authenticate(request, response);
  if (orgId === undefined) return;
  const limit = Number(request.query.limit ?? 50);
  const offset = 0;
  const { rows } = await pool.query<AccountRow>(ORG_PAGE_BY_OFFSET, [orgId, limit + 1, offset]);
  const items = rows.slice(0, limit);
  const summaries = await pool.query<SummaryRow>(TOKEN_SUMMARIES, [items.map((row) => row.id)]);
  const byAccount = new Map(summaries.rows.map((row) => [row.accountId, row]));
  const now = Date.now();
  const last = rows.length > limit ? items[items.length - 1] : undefined;
  response.json({
    items: items.map((row) => accountBody(row, byAccount.get(row.id), now)),
    total: rows[0]?.total ?? 0,
    limit,
    offset,
    nextCursor: last === undefined ? null : encodeCursor({ createdAt: last.position_created_at, id: last.id }),
  });
});

app.get('/health/ready', async (_request, response) => {
  const pinged = performance.now();
  await pool.query(READY_CHECKS[0]);
  const responseTime = Math.round(performance.now() - pinged);
  await pool.query(READY_CHECKS[1]);
  const applied = await pool.query<{ name: string }>(READY_CHECKS[2]);
  const up = applied.rows.length === migrations.size && applied.rows.every((row) => migrations.has(row.name));
  const checks = { database: { responseTime, status: 'up' }, migrations: { status: up ? 'up' : 'down' } };
  response.json({ status: up ? 'ok' : 'error', info: checks, error: {}, details: checks });
});

/** AccountResponse.from, field for field. */
function accountBody(row: AccountRow, token: SummaryRow | undefined, now: number): Record<string, unknown> {
  return {
    id: row.id,
    orgId: row.org_id,
    houseName: row.house_name,
    ebayUserId: row.ebay_user_id,
    username: row.username,
    purpose: row.purpose,
    marketplaceId: row.marketplace_id,
    siteId: row.site_id,
    isActive: row.is_active,
    status:
      row.deleted_at !== null
        ? 'deleted'
        : !row.is_active
          ? 'disconnected'
          : token?.status === 'reauth_required'
            ? 'reauth_required'
            : 'active',
    connectedAt: row.connected_at.toISOString(),
    deletedAt: row.deleted_at?.toISOString() ?? null,
    scopes: [...(token?.scopes ?? [])],
    token: {
      expiresAt: token?.expiresAt?.toISOString() ?? null,
      lastRefreshedAt: token?.lastRefreshedAt?.toISOString() ?? null,
      refreshTokenExpiresAt: token?.refreshTokenExpiresAt?.toISOString() ?? null,
      refreshError: token?.refreshError ?? null,
      refreshFailures: token?.refreshFailures ?? 0,
      reconnectSoon:
        token !== undefined &&
        token.hasRefreshToken &&
        token.refreshTokenExpiresAt !== null &&
        token.refreshTokenExpiresAt.getTime() - now <= RECONNECT_SOON_MS,
    },
  };
}

const server = app.listen(Number(argument('port')), '127.0.0.1', () => {
  process.stdout.write('bare server is ready\n');
});
process.once('SIGTERM', () => {
  server.close();
  void pool.end();
});
