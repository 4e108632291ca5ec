/**
 * How fast the service answers over HTTP, beside a floor measured in the same run: a bare
 * Express + `pg` server (bench/bare-server.ts) that checks the same JWT, runs the same SQL
 * (bench/service-sql.ts) and sends the same body. Both run as processes of their own, the
 * service built (`npm run build`) and in production mode with LOG_LEVEL=warn; autocannon
 * drives each with the same connections for the same time, after a one-second warm-up:
 *
 * - `GET /api/ebay-accounts?limit=50`: one organisation's first page of `--accounts`
 *   accounts, each with a token row as wide as the service writes (about 2.6 kB of
 *   ciphertext) and its scopes;
 * - `GET /health/ready`: the readiness probe.
 *
 * Then the table grows to `--plan-accounts` (100,000), nine in ten the organisation's and the
 * rest ten small organisations', and the list's statements (for both sizes and for all=true)
 * and the refresher's claim are EXPLAINed (ANALYZE, BUFFERS): index, or scan and sort.
 * Everything runs on a scratch database on PostgreSQL at 127.0.0.1:5432, dropped afterwards,
 * with eBay the emulator.
 *
 *   npm run build && npm run bench:http -- --seconds=10 --connections=50 --accounts=1000
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { KeysetPosition } from '../src/common/paging/keyset-cursor';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { runPendingMigrations } from '../src/database/migration-runner';
import type { RunningEmulator } from '../src/emulator';
import { ebayEnv, startTestEbay } from '../test/support/connected-app';
import { freePort, spawnService } from '../test/support/service-process';
import { TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET } from '../test/support/test-app';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { registerAndLogin } from '../test/support/users';
import { startBareServer } from './bare-server-process';
import { seedAccounts, seedOrganisations } from './http-seed';
import { explain, type PlanSummary } from './query-plans';
import { ALL_PAGE_AFTER, ALL_PAGE_BY_OFFSET, CLAIM_DUE, ORG_PAGE_AFTER, ORG_PAGE_BY_OFFSET, TOKEN_SUMMARIES } from './service-sql';
import { waitForReady } from './support/service-ready';

interface Options {
  readonly seconds: number;
  readonly connections: number;
  readonly accounts: number;
  readonly planAccounts: number;
}

interface Figures {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers that were not 2xx, plus connection errors: a healthy run has none. */
  readonly failures: number;
}

interface Route {
  readonly name: string;
  readonly path: string;
  readonly headers: Record<string, string>;
}

const PAGE = 50;
/** Organisations that own one in ten of the accounts in the query plans. */
const SMALL_ORGANISATIONS = 10;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { emulator } = await startTestEbay();
  const database = await createTestDatabase({ migrated: false });
  const stops: (() => Promise<void>)[] = [() => emulator.close(), () => database.drop()];
  try {
    const migrations = await migrate(database);
    const service = await startService(database, emulator);
    stops.unshift(service.stop);
    const user = await registerAndLogin(request(service.baseUrl));
    const client = new Client({ connectionString: database.url });
    await client.connect();
    stops.unshift(() => client.end());

    process.stdout.write(`Seeding ${options.accounts} accounts with tokens…\n`);
    await seedAccounts(client, [user.id], 0, options.accounts);
    const bare = await startBareServer({ databaseUrl: database.url, migrations });
    stops.unshift(bare.stop);

    const routes: Route[] = [
      { name: `GET /api/ebay-accounts?limit=${PAGE}`, path: `/api/ebay-accounts?limit=${PAGE}`, headers: user.auth },
      { name: 'GET /health/ready', path: '/health/ready', headers: {} },
    ];
    const lines = [
      '',
      `${options.connections} connections, ${options.seconds} s each; ${options.accounts} accounts in the organisation; ` +
        `${await ciphertextBytesPerRow(client)} bytes of ciphertext a token row`,
      '',
      'route                               server     req/s    p50 ms    p99 ms  failures   body bytes',
    ];
    for (const route of routes) {
      const bodies = await sameBody(route, service.baseUrl, bare.baseUrl);
      const measured = await measure(`${service.baseUrl}${route.path}`, route.headers, options);
      const floor = await measure(`${bare.baseUrl}${route.path}`, route.headers, options);
      lines.push(
        row(route.name, 'service', measured, bodies.service),
        row('', 'bare', floor, bodies.bare),
        `${''.padEnd(36)}service / bare: ${(measured.perSecond / floor.perSecond).toFixed(2)}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n\n`);

    // Nine in ten new accounts are the organisation's (the issue's 90,000-account organisation),
    // the rest are small organisations', interleaved in time: a small organisation's page
    // read off the created_at index would wade through everyone else's accounts.
    const others = await seedOrganisations(client, SMALL_ORGANISATIONS);
    const added = Math.max(0, options.planAccounts - options.accounts);
    process.stdout.write(`Adding ${added} accounts, 9 in 10 the organisation's, for the query plans…\n`);
    await seedAccounts(client, others.flatMap((other) => [...Array<string>(9).fill(user.id), other]), options.accounts, added);
    const large = { id: user.id, accounts: await countAccounts(client, user.id) };
    const small = { id: others[0], accounts: await countAccounts(client, others[0]) };
    const plans = await queryPlans(client, large, small);
    process.stdout.write(
      `\nQuery plans at ${options.planAccounts} accounts: a large organisation (${large.accounts}), ` +
        `a small one (${small.accounts}); EXPLAIN ANALYZE, BUFFERS; pages of ${PAGE}\n`,
    );
    for (const plan of plans) {
      process.stdout.write(
        `${plan.name.padEnd(42)}${plan.usesIndex ? 'index' : 'SCAN/SORT'}   ${plan.executionMs.toFixed(2)} ms, ` +
          `${plan.sharedBlocks} blocks${plan.tempBlocks > 0 ? `, ${plan.tempBlocks} temp blocks` : ''}\n    ${plan.shape}\n`,
      );
    }
  } finally {
    for (const stop of stops) {
      await stop().catch((error: unknown) => process.stderr.write(`Cleaning up failed: ${String(error)}\n`));
    }
  }
}

/**
 * The built service in production mode, as startReplicaProcess starts a replica but logging
 * warnings only: it would wait for the info line saying it is ready, and a line per request
 * would cost the service (and this process, which reads its output) more than the bare
 * server, which logs nothing.
 */
async function startService(database: TestDatabase, emulator: RunningEmulator): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const service = spawnService(
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ebay-connect-bench-')),
      JWT_SECRET: TEST_JWT_SECRET,
      TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      ...ebayEnv(emulator),
      LOG_LEVEL: 'warn',
      // A profiler, say: BENCH_NODE_OPTIONS="--require ./my-profiler.cjs".
      ...(process.env.BENCH_NODE_OPTIONS === undefined ? {} : { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS }),
    },
    process.cwd(),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (service.child.exitCode === null) service.child.kill('SIGTERM');
    await service.exited();
  };
  try {
    await waitForReady(service, baseUrl);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}

/** The bench runs outside jest, whose global setup would migrate: this does it. */
async function migrate(database: TestDatabase): Promise<string[]> {
  const dataSource = await new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 1 })).initialize();
  try {
    return await runPendingMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}


/** Both servers answer the route alike (or the comparison would mean nothing); their sizes. */
async function sameBody(route: Route, serviceUrl: string, bareUrl: string): Promise<{ service: number; bare: number }> {
  const [service, bare] = await Promise.all(
    [serviceUrl, bareUrl].map(async (base) => {
      const response = await fetch(`${base}${route.path}`, { headers: route.headers });
      return { status: response.status, text: await response.text() };
    }),
  );
  // The database's ping time (readiness) differs from answer to answer.
  const parse = (text: string): unknown => JSON.parse(text, (key, value: unknown) => (key === 'responseTime' ? 0 : value));
  if (service.status !== 200 || bare.status !== 200 || !isDeepStrictEqual(parse(service.text), parse(bare.text))) {
    throw new Error(
      `${route.name}: the bare server does not answer as the service does:\n` +
        `service ${service.status} ${service.text.slice(0, 400)}\nbare ${bare.status} ${bare.text.slice(0, 400)}`,
    );
  }
  return { service: Buffer.byteLength(service.text), bare: Buffer.byteLength(bare.text) };
}

async function measure(url: string, headers: Record<string, string>, options: Options): Promise<Figures> {
  await autocannon({ url, headers, connections: options.connections, duration: 1 });
  const result = await autocannon({ url, headers, connections: options.connections, duration: options.seconds });
  return {
    perSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors,
  };
}

interface Organisation {
  readonly id: string;
  readonly accounts: number;
}

/** The list's statements at the start and deep in the list, and the refresher's claim. */
async function queryPlans(client: Client, large: Organisation, small: Organisation): Promise<PlanSummary[]> {
  const plans: PlanSummary[] = [];
  for (const [name, org] of [['large org', large], ['small org', small]] as const) {
    const deep = Math.floor(org.accounts * 0.9);
    const position = await positionOf(client, org.id, deep);
    plans.push(
      await explain(client, `${name}, first page (counted)`, ORG_PAGE_BY_OFFSET, [org.id, PAGE + 1, 0]),
      await explain(client, `${name}, keyset page after #${deep}`, ORG_PAGE_AFTER, [org.id, position.createdAt, position.id, PAGE + 1]),
      await explain(client, `${name}, offset ${deep} (counted)`, ORG_PAGE_BY_OFFSET, [org.id, PAGE + 1, deep]),
    );
  }
  const deep = Math.floor(large.accounts * 0.9);
  const position = await positionOf(client, large.id, deep);
  const firstPage = await client.query<{ id: string }>(ORG_PAGE_BY_OFFSET, [large.id, PAGE + 1, 0]);
  plans.push(
    await explain(client, 'all=true, first page (counted)', ALL_PAGE_BY_OFFSET, [PAGE + 1, 0]),
    await explain(client, `all=true, keyset page after #${deep}`, ALL_PAGE_AFTER, [position.createdAt, position.id, PAGE + 1]),
    await explain(client, 'token summaries of a page', TOKEN_SUMMARIES, [firstPage.rows.slice(0, PAGE).map((row) => row.id)]),
    await explain(client, 'refresher claim (32 due)', CLAIM_DUE, [new Date(), 32, new Date(Date.now() + 120_000), 30, false, new Date(Date.now() - 86_400_000)]),
  );
  return plans;
}

/** The position (as a cursor holds it) of an organisation's `n`th account. */
async function positionOf(client: Client, orgId: string, n: number): Promise<KeysetPosition> {
  const { rows } = await client.query<KeysetPosition>(
    `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt", id
       FROM ebay_accounts WHERE org_id = $1 ORDER BY created_at, id OFFSET $2 LIMIT 1`,
    [orgId, n - 1],
  );
  return rows[0];
}

async function countAccounts(client: Client, orgId: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM ebay_accounts WHERE org_id = $1', [orgId]);
  return rows[0].n;
}

async function ciphertextBytesPerRow(client: Client): Promise<number> {
  const { rows } = await client.query<{ bytes: number }>(
    'SELECT avg(octet_length(access_token) + octet_length(refresh_token))::int AS bytes FROM ebay_tokens',
  );
  return rows[0].bytes;
}

function row(route: string, server: string, f: Figures, bodyBytes: number): string {
  return (
    `${route.padEnd(36)}${server.padEnd(8)}${f.perSecond.toFixed(0).padStart(9)}${f.p50Ms.toFixed(1).padStart(10)}` +
    `${f.p99Ms.toFixed(1).padStart(10)}${String(f.failures).padStart(10)}${String(bodyBytes).padStart(13)}`
  );
}

function parseOptions(args: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const match = args.map((arg) => new RegExp(`^--${name}=(\\d+)$`).exec(arg)).find(Boolean);
    return match ? Number(match[1]) : fallback;
  };
  return {
    seconds: value('seconds', 10),
    connections: value('connections', 50),
    accounts: value('accounts', 1_000),
    planAccounts: value('plan-accounts', 100_000),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
