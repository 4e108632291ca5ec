/**
 * How fast TokenService.getAccessToken hands out tokens, and how many refreshes eBay sees when
 * many callers meet one expired token. Runs the real service (two instances) against a real
 * PostgreSQL (127.0.0.1:5432, a scratch database dropped afterwards) and the eBay emulator
 * over HTTP, all in this process.
 *
 * - warm: the decrypted token is in the instance's memory;
 * - cold: each call reads and decrypts the row (a fresh instance, many accounts);
 *   the warm/cold ratio is measured in the same run;
 * - bare: the floor for cold, the account's whole token row read through a bare `pg` pool,
 *   and beside it the narrower read the service sends (ACCESS_TOKEN_BY_ACCOUNT), bare;
 * - race: 1,000 concurrent callers, half on each instance, on one expired token
 *   (the emulator answers the refresh after 50 ms, so the race is real); ideal: 1 refresh.
 *
 *   npm run bench:tokens -- --accounts=1000 --seconds=3
 */
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { TokenService } from '../src/tokens/token.service';
import { connectAccount, ebayEnv, startConnectedApp, startTestEbay } from '../test/support/connected-app';
import type { EmulatorControl } from '../test/support/emulator-control';
import { startTestApp, type TestApp } from '../test/support/test-app';
import { createTestDatabase } from '../test/support/test-database';
import { anEmail, registerAndLogin } from '../test/support/users';

/** One account's whole token row, as a hand-written read would fetch it. */
const BARE_ROW_READ = `SELECT * FROM ebay_tokens WHERE ebay_account_id = $1`;
/** What the service reads for getAccessToken (src/tokens/token-statements.ts), sent bare. */
const BARE_NARROW_READ = `SELECT access_token, expires_at, status, refresh_token IS NOT NULL AS is_connected
  FROM ebay_tokens WHERE ebay_account_id = $1`;
const WARM_UP_CALLS = 50;

interface Options {
  readonly accounts: number;
  readonly seconds: number;
  readonly racers: number;
}

interface Figures {
  readonly calls: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { emulator, control } = await startTestEbay();
  const database = await createTestDatabase({ migrated: false });
  const quiet = { LOG_LEVEL: 'warn' };
  const first = await startConnectedApp(emulator, { database, env: quiet });
  // More instances in this process are fine here: they are driven through TokenService, never
  // through HTTP with a JWT (passport's strategies are per process).
  const startInstance = () => startTestApp({ database, env: { ...ebayEnv(emulator), ...quiet } });
  const apps: TestApp[] = [first];
  try {
    process.stdout.write(`Connecting ${options.accounts} accounts…\n`);
    const accountIds = await connectAccounts(first, control, options.accounts);

    const cold = await startInstance();
    apps.push(cold);
    // The first calls of a fresh pool open its connections; neither side counts them.
    const [warmUp, measured] = [accountIds.slice(0, WARM_UP_CALLS), accountIds.slice(WARM_UP_CALLS)];
    await measureEach(cold.app.get(TokenService), warmUp);
    const bare = new Pool({ connectionString: database.url, max: 10 });
    const bareRead = (sql: string) => (id: string) => bare.query(sql, [id]).then(() => undefined);
    await measureEachWith(bareRead(BARE_ROW_READ), warmUp);
    // Interleaved call by call, so that the machine's ups and downs fall on all three alike.
    const service = cold.app.get(TokenService);
    const [bareFigures, bareNarrowFigures, coldFigures] = await measureInterleaved(measured, [
      bareRead(BARE_ROW_READ),
      bareRead(BARE_NARROW_READ),
      (id) => service.getAccessToken(id).then(() => undefined),
    ]);
    await bare.end();
    const warmFigures = await measureFor(cold.app.get(TokenService), accountIds, options.seconds);

    const second = await startInstance();
    apps.push(second);
    const raced = accountIds[0];
    await first.app.get(DataSource).query(`UPDATE ebay_tokens SET expires_at = now() - interval '1 minute' WHERE ebay_account_id = $1`, [raced]);
    await control.setLatency(50);
    const before = (await control.stats()).tokenGrants.refresh_token;
    const services = [first.app.get(TokenService), second.app.get(TokenService)];
    const started = performance.now();
    const handedOut = await Promise.all(
      Array.from({ length: options.racers }, (_, i) => services[i % 2].getAccessToken(raced)),
    );
    const raceMs = performance.now() - started;
    const refreshes = (await control.stats()).tokenGrants.refresh_token - before;

    process.stdout.write(
      [
        '',
        'getAccessToken                    calls    per second    p50 ms    p99 ms',
        row('bare pg, whole row (floor)', bareFigures),
        row('bare pg, the same narrow read', bareNarrowFigures),
        row('cold (read + decrypt)', coldFigures),
        row('warm (in memory)', warmFigures),
        `cold / bare whole row: ${(coldFigures.perSecond / bareFigures.perSecond).toFixed(2)}   ` +
          `cold / bare narrow read: ${(coldFigures.perSecond / bareNarrowFigures.perSecond).toFixed(2)}`,
        `warm / cold throughput: ${(warmFigures.perSecond / coldFigures.perSecond).toFixed(1)}×`,
        '',
        `race: ${options.racers} concurrent callers on 2 instances, one expired token`,
        `  eBay refresh calls: ${refreshes}   ideal: 1`,
        `  distinct tokens handed out: ${new Set(handedOut).size}   ideal: 1`,
        `  all callers served in ${raceMs.toFixed(0)} ms (eBay answered the refresh in ≥ 50 ms)`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const app of apps.reverse()) await app.close();
    await database.drop();
    await emulator.close();
  }
}

/** One organisation connecting many emulated sellers. */
async function connectAccounts(t: TestApp, control: EmulatorControl, count: number): Promise<string[]> {
  const user = await registerAndLogin(t.http, anEmail('bench'));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { username } = await control.addUser({ username: `bench_seller_${i}` });
    ids.push((await connectAccount(t, user, { ebayUser: username })).id);
  }
  return ids;
}

/** One call per account on an instance that has seen none of them: every call is cold. */
function measureEach(tokens: TokenService, accountIds: readonly string[]): Promise<Figures> {
  return measureEachWith((id) => tokens.getAccessToken(id).then(() => undefined), accountIds);
}

/** Each call once per account, the calls taking turns; figures from their own latencies. */
async function measureInterleaved(
  accountIds: readonly string[],
  calls: readonly ((accountId: string) => Promise<void>)[],
): Promise<Figures[]> {
  const latencies = calls.map((): number[] => []);
  for (const id of accountIds) {
    for (const [n, call] of calls.entries()) {
      const started = performance.now();
      await call(id);
      latencies[n].push(performance.now() - started);
    }
  }
  return latencies.map((own) => figures(own, own.reduce((sum, ms) => sum + ms, 0)));
}

async function measureEachWith(call: (accountId: string) => Promise<void>, accountIds: readonly string[]): Promise<Figures> {
  const latencies: number[] = [];
  const started = performance.now();
  for (const id of accountIds) {
    const callStarted = performance.now();
    await call(id);
    latencies.push(performance.now() - callStarted);
  }
  return figures(latencies, performance.now() - started);
}

/** Calls round the accounts (all cached by now) for a while. */
async function measureFor(tokens: TokenService, accountIds: readonly string[], seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; performance.now() - started < seconds * 1000; i++) {
    const callStarted = performance.now();
    await tokens.getAccessToken(accountIds[i % accountIds.length]);
    latencies.push(performance.now() - callStarted);
  }
  return figures(latencies, performance.now() - started);
}

function figures(latencies: number[], elapsedMs: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (quantile: number): number => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
  return { calls: sorted.length, perSecond: (sorted.length / elapsedMs) * 1000, p50Ms: at(0.5), p99Ms: at(0.99) };
}

function row(name: string, f: Figures): string {
  return `${name.padEnd(30)}${String(f.calls).padStart(9)}${f.perSecond.toFixed(0).padStart(14)}${f.p50Ms
    .toFixed(3)
    .padStart(10)}${f.p99Ms.toFixed(3).padStart(10)}`;
}

function parseOptions(args: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const match = args.map((arg) => new RegExp(`^--${name}=(\\d+)$`).exec(arg)).find(Boolean);
    return match ? Number(match[1]) : fallback;
  };
  return { accounts: value('accounts', 1000), seconds: value('seconds', 3), racers: value('racers', 1000) };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
