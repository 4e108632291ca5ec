/**
 * How fast the background refresher drains a backlog: N due tokens (default 10,000), eBay (the
 * emulator, over HTTP) answering each refresh after a set latency, 1 and then 3 replicas as
 * separate processes (`node dist/src/main.js`, so `npm run build` first) on one real PostgreSQL
 * (127.0.0.1:5432, a scratch database dropped afterwards), default settings.
 *
 * The floor is N × latency / (replicas × TOKEN_REFRESH_CONCURRENCY): every slot of every
 * replica busy at eBay all the time. Time runs from spawning the replicas (their first run
 * starts at boot) until every token is refreshed; it prints the ratio floor / time, the grants
 * eBay saw and how many of them were duplicates.
 *
 * Then a simulated day of each refresh policy (TOKEN_REFRESH_POLICY) with `--used` of the accounts
 * used within the warm window: the refresh grants each spends, and the largest fleet that fits
 * eBay's 50,000 a day.
 *
 *   npm run bench:refresher -- --tokens=10000 --latency=50 --replicas=1,3 --used=2000
 */
import { Client } from 'pg';
import { AccountsService } from '../src/accounts/accounts.service';
import { mapWithConcurrency } from '../src/common/concurrency/map-with-concurrency';
import { EbayConnection, EbayIdentityClient, EbayOAuthClient } from '../src/ebay';
import { startEmulator } from '../src/emulator';
import { startConnectedApp, TEST_CLIENT } from '../test/support/connected-app';
import { EmulatorControl } from '../test/support/emulator-control';
import { startReplicaProcess } from '../test/support/replica-process';
import { createTestDatabase, type TestDatabase, withDatabase } from '../test/support/test-database';
import { registerAndLogin } from '../test/support/users';
import { postgresCpuSeconds, processCpuSeconds } from './process-cpu';
import { largestFleet, simulatePolicyDay } from './refresh-policy-day';

/** The service's default TOKEN_REFRESH_CONCURRENCY, stated here to compute the floor. */
const CONCURRENCY = 8;

interface Options {
  readonly tokens: number;
  readonly latencyMs: number;
  readonly replicas: readonly number[];
  /** Accounts used within the warm window in the simulated policy day; 0 skips it. */
  readonly used: number;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const sellers = Array.from({ length: options.tokens }, (_, n) => ({ username: `bench_seller_${n}`, orderCount: 0 }));
  const emulator = await startEmulator({ apps: [{ ...TEST_CLIENT, ruNames: [] }], users: sellers });
  const control = new EmulatorControl(emulator.baseUrl);
  const database = await createTestDatabase({ migrated: false });
  try {
    process.stdout.write(`Connecting ${options.tokens} accounts through the service's code…\n`);
    await seed(database, emulator, options.tokens);
    const lines = ['', `refresher: ${options.tokens} due tokens, eBay at ${options.latencyMs} ms, concurrency ${CONCURRENCY}`];
    lines.push('replicas    seconds    floor s    floor/time    grants    duplicates    CPU ms a refresh: service / eBay emulator / PostgreSQL');
    const perRefresh = (seconds: number | undefined) =>
      seconds === undefined ? 'n/a' : ((seconds * 1000) / options.tokens).toFixed(2);
    for (const replicas of options.replicas) {
      const figures = await drain(database, emulator, control, options, replicas);
      const floor = (options.tokens * options.latencyMs) / 1000 / (replicas * CONCURRENCY);
      lines.push(
        [
          String(replicas).padStart(8),
          figures.seconds.toFixed(1).padStart(10),
          floor.toFixed(1).padStart(10),
          (floor / figures.seconds).toFixed(2).padStart(13),
          String(figures.grants).padStart(9),
          String(figures.grants - options.tokens).padStart(13),
          `    ${perRefresh(figures.cpu.service)} / ${perRefresh(figures.cpu.emulator)} / ${perRefresh(figures.cpu.postgres)}`,
        ].join(' '),
      );
    }
    if (options.used > 0) {
      const day = await simulatePolicyDay(database.url, Math.min(options.used, options.tokens));
      const fleet = largestFleet(day);
      lines.push(
        '',
        `a simulated day, ${day.accounts} accounts of which ${day.used} were used within the warm window:`,
        `  TOKEN_REFRESH_POLICY=all      ${String(day.allGrants).padStart(8)} refresh grants   largest fleet within 50,000 a day: ${fleet.all}`,
        `  TOKEN_REFRESH_POLICY=active   ${String(day.activeGrants).padStart(8)} refresh grants   largest fleet within 50,000 a day: ${fleet.active} (at this share used)`,
        `  active / all: ${(day.activeGrants / day.allGrants).toFixed(2)}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await database.drop();
    await emulator.close();
  }
}

/** Connects one account per emulated seller, as a consent would: the service's exchange, identity and store. */
async function seed(database: TestDatabase, emulator: Awaited<ReturnType<typeof startEmulator>>, count: number): Promise<void> {
  const app = await startConnectedApp(emulator, { database, env: { LOG_LEVEL: 'warn' } });
  try {
    const owner = await registerAndLogin(app.http);
    const oauth = app.app.get(EbayOAuthClient);
    const identity = app.app.get(EbayIdentityClient);
    const accounts = app.app.get(AccountsService);
    const { scopes } = app.app.get(EbayConnection);
    await mapWithConcurrency(
      Array.from({ length: count }, (_, n) => n),
      16,
      async (n) => {
        const consent = new URL(oauth.consentUrl({ state: 'bench' }));
        consent.searchParams.set('emulator_user', `bench_seller_${n}`);
        consent.searchParams.set('emulator_action', 'approve');
        const redirect = await fetch(consent, { redirect: 'manual' });
        const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code');
        if (code === null) throw new Error(`The emulator gave no code (${redirect.status})`);
        const grant = await oauth.exchangeCode(code);
        const ebayUser = await identity.getUser(grant.accessToken);
        await accounts.connect(owner.id, ebayUser, grant, scopes, { houseName: `Bench ${n}` });
      },
    );
  } finally {
    await app.close();
  }
}

async function drain(
  database: TestDatabase,
  emulator: Awaited<ReturnType<typeof startEmulator>>,
  control: EmulatorControl,
  options: Options,
  replicas: number,
): Promise<{ seconds: number; grants: number; cpu: CpuSpent }> {
  // Valid for five more minutes and due now: only the background refresher touches them.
  await withDatabase(database.url, (client) =>
    client.query(`UPDATE ebay_tokens SET expires_at = now() + interval '5 minutes', next_refresh_at = now() - interval '1 second'`),
  );
  await control.setLatency(options.latencyMs);
  const before = (await control.stats()).tokenGrants.refresh_token;
  const postgresBefore = postgresCpuSeconds();
  const emulatorBefore = process.cpuUsage();
  const started = performance.now();
  const running = await Promise.all(
    Array.from({ length: replicas }, () =>
      startReplicaProcess(database, emulator, {
        NODE_ENV: 'production',
        LOG_FORMAT: 'json',
        TOKEN_REFRESH_ENABLED: 'true',
        ...(process.env.BENCH_NODE_OPTIONS === undefined ? {} : { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS }),
      }),
    ),
  );
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const timeoutAt = Date.now() + 20 * ((options.tokens * options.latencyMs) / replicas / CONCURRENCY) + 60_000;
    for (;;) {
      const { rows } = await client.query<{ left: number }>(
        `SELECT count(*)::int AS left FROM ebay_tokens WHERE expires_at < now() + interval '1 hour'`,
      );
      if (rows[0].left === 0) break;
      if (Date.now() > timeoutAt) throw new Error(`${rows[0].left} tokens still not refreshed`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu: CpuSpent = {
      // Start-up included: the replicas' first run starts at boot.
      service: sum(running.map((replica) => processCpuSeconds(replica.service.child.pid ?? -1))),
      // The bench's own polling is a few statements a second; the rest is the emulator.
      emulator: secondsOf(process.cpuUsage(emulatorBefore)),
      postgres: difference(postgresCpuSeconds(), postgresBefore),
    };
    // Anything still in flight would show as a duplicate: let it land before counting.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return { seconds, grants: (await control.stats()).tokenGrants.refresh_token - before, cpu };
  } finally {
    await client.end();
    await Promise.all(running.map((replica) => replica.stop()));
    await control.setLatency(0);
  }
}

interface CpuSpent {
  readonly service: number | undefined;
  readonly emulator: number | undefined;
  readonly postgres: number | undefined;
}

function sum(values: readonly (number | undefined)[]): number | undefined {
  return values.some((value) => value === undefined) ? undefined : values.reduce<number>((a, b) => a + b!, 0);
}

function difference(after: number | undefined, before: number | undefined): number | undefined {
  return after === undefined || before === undefined ? undefined : after - before;
}

function secondsOf(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

function parseOptions(args: readonly string[]): Options {
  const value = (name: string, fallback: string) =>
    args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
  return {
    tokens: Number(value('tokens', '10000')),
    latencyMs: Number(value('latency', '50')),
    replicas: value('replicas', '1,3').split(',').filter(Boolean).map(Number),
    used: Number(value('used', '2000')),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
