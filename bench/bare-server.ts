/**
 * The floor for bench/http-throughput.ts and bench/proxy-throughput.ts: Express, `pg` and
 * node:http alone, doing what the service must do for the measured routes and nothing else:
 * check the JWT (jsonwebtoken with a KeyObject, as the service does), run the same statements
 * (bench/service-sql.ts) on a pool of the service's default size, and send the same body, or
 * for the proxy pass the call to eBay with a token it holds in memory (as the service's warm
 * cache does) and stream eBay's answer back. Runs as a process of its own, like the service,
 * so neither shares an event loop with the load generator.
 *
 *   BARE_DATABASE_URL=… BARE_JWT_SECRET=… [BARE_EBAY_API_BASE_URL=… BARE_EBAY_TOKEN=…] \
 *     node … bench/bare-server.ts --port=N --migrations=A,B
 */
import { createSecretKey } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import express, { type Request, type Response } from 'express';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';
import { JWT_ALGORITHM, JWT_ISSUER } from '../src/auth/jwt-settings';
import { encodeCursor } from '../src/common/paging/keyset-cursor';
import { ACCOUNT_FOR_CALL, ACTIVE_CALLER, ORG_PAGE_BY_OFFSET, READY_CHECKS, TOKEN_SUMMARIES } from './service-sql';

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
    const { rows } = await pool.query<{ id: string }>({ name: 'active_caller', text: ACTIVE_CALLER, values: [claims.sub] });
    if (rows[0] !== undefined) return rows[0].id;
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

const ebayAgent = new Agent({ keepAlive: true });
const ebayBaseUrl = process.env.BARE_EBAY_API_BASE_URL ?? '';
const ebayToken = process.env.BARE_EBAY_TOKEN ?? '';

app.get('/api/ebay-accounts/:id/ebay/*path', async (request, response) => {
  const orgId = await authenticate(request, response);
  if (orgId === undefined) return;
  const { rows } = await pool.query<{ marketplace_id: string | null; is_active: boolean; deleted_at: Date | null; needs_reauth: boolean }>({
    name: 'account_for_call',
    text: ACCOUNT_FOR_CALL,
    values: [request.params.id, orgId],
  });
  const account = rows[0];
  if (account === undefined || !account.is_active || account.deleted_at !== null || account.needs_reauth) {
    response.status(404).json({ statusCode: 404, error: 'Not Found', message: 'No such account' });
    return;
  }
  const path = request.originalUrl.slice(request.originalUrl.indexOf('/ebay/') + '/ebay'.length);
  const headers = {
    accept: request.headers.accept ?? 'application/json',
    authorization: `Bearer ${ebayToken}`,
    'x-ebay-c-marketplace-id': account.marketplace_id ?? 'EBAY_US',
  };
  const upstream = httpRequest(`${ebayBaseUrl}${path}`, { agent: ebayAgent, headers }, (answer) => {
    const { connection: _connection, 'keep-alive': _keepAlive, 'transfer-encoding': _encoding, ...relayed } = answer.headers;
    response.writeHead(answer.statusCode ?? 502, relayed);
    answer.pipe(response);
  });
  upstream.on('error', () => response.status(502).end());
  upstream.end();
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
