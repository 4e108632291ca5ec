/**
 * How long a production replica takes from spawn to ready, beside a floor measured in the same
 * run: a bare Express + `pg` server (bench/support/bare-ready-server.cjs) that connects a pool,
 * queries once, listens and answers /health/ready.
 *
 * It runs the built service, `node dist/src/main.js`, and builds nothing itself: run
 * `npm run build` first. A scratch database on PostgreSQL at 127.0.0.1:5432 is created and
 * migrated beforehand (as a deployed replica finds it), and dropped afterwards; eBay is the
 * emulator, in this process, with the service pointed at it as at eBay's sandbox, and the
 * refresher enabled (its first run happens at boot). Each start is a process of its own in
 * production mode; service and bare server take turns, after one unmeasured start of each.
 *
 * - spawn → ready: from spawning the process to the first 200 from /health/ready;
 * - spawn → log line: to "ebay-connect is ready" (the bare server's "bare server is ready");
 * - where the time goes: one more start with bench/support/load-trace.cjs preloaded, which
 *   times the modules each package loads.
 *
 *   npm run build && npm run bench:startup -- --runs=7
 */
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { runPendingMigrations } from '../src/database/migration-runner';
import type { RunningEmulator } from '../src/emulator';
import { ebayEnv, startTestEbay } from '../test/support/connected-app';
import { freePort, spawnService } from '../test/support/service-process';
import { TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET } from '../test/support/test-app';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';

interface Options {
  readonly runs: number;
}

interface Start {
  /** Spawn to the first 200 from /health/ready. */
  readonly readyMs: number;
  /** Spawn to the ready line in the output. */
  readonly logMs: number;
  /** Everything the process printed. */
  readonly output: string;
}

interface LoadTrace {
  readonly mainEvaluatedMs: number;
  readonly ownFilesMs: number;
  readonly filesAtMain: number;
  readonly filesAtExit: number;
  readonly packagesMs: Record<string, number>;
}

interface Contender {
  readonly name: string;
  readonly main: string;
  readonly readyLine: RegExp;
  env(port: number): Record<string, string>;
}

const ROOT = join(__dirname, '..');
const SERVICE_MAIN = join(ROOT, 'dist', 'src', 'main.js');
const BARE_MAIN = join(__dirname, 'support', 'bare-ready-server.cjs');
const LOAD_TRACE = join(__dirname, 'support', 'load-trace.cjs');
/** Between two readiness probes: short, so the figure is not rounded up to it. */
const PROBE_EVERY_MS = 2;
const START_TIMEOUT_MS = 60_000;
const PACKAGES_SHOWN = 14;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { emulator } = await startTestEbay();
  const database = await createTestDatabase({ migrated: false });
  try {
    const migrations = await migrate(database);
    process.stdout.write(`Scratch database ${database.name} with ${migrations.length} migrations applied.\n`);
    const service = serviceContender(database, emulator);
    const bare = bareContender(database);

    await start(service);
    await start(bare);
    const serviceStarts: Start[] = [];
    const bareStarts: Start[] = [];
    for (let run = 0; run < options.runs; run++) {
      serviceStarts.push(await start(service));
      bareStarts.push(await start(bare));
      process.stdout.write(`  start ${run + 1}/${options.runs}: service ${ms(serviceStarts[run].readyMs)}, bare ${ms(bareStarts[run].readyMs)}\n`);
    }
    const traced = await start(service, { NODE_OPTIONS: `--require ${LOAD_TRACE}` });

    const serviceReady = stats(serviceStarts.map((s) => s.readyMs));
    const bareReady = stats(bareStarts.map((s) => s.readyMs));
    const serviceLog = stats(serviceStarts.map((s) => s.logMs));
    const bareLog = stats(bareStarts.map((s) => s.logMs));
    process.stdout.write(
      [
        '',
        `spawn → ready, ${options.runs} starts each         median      min`,
        `  service  first 200 from /health/ready  ${ms(serviceReady.median)} ${ms(serviceReady.min)}`,
        `           "ebay-connect is ready" line  ${ms(serviceLog.median)} ${ms(serviceLog.min)}`,
        `  bare     first 200 from /health/ready  ${ms(bareReady.median)} ${ms(bareReady.min)}`,
        `           "bare server is ready" line   ${ms(bareLog.median)} ${ms(bareLog.min)}`,
        `  bare / service (median, first 200): ${(bareReady.median / serviceReady.median).toFixed(2)}`,
        '',
        ...breakdown(traced),
        '',
      ].join('\n'),
    );
  } finally {
    await database.drop();
    await emulator.close();
  }
}

function serviceContender(database: TestDatabase, emulator: RunningEmulator): Contender {
  return {
    name: 'service',
    main: SERVICE_MAIN,
    readyLine: /ebay-connect is ready/,
    env: (port) => ({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ebay-connect-bench-')),
      JWT_SECRET: TEST_JWT_SECRET,
      TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      ...ebayEnv(emulator),
      TOKEN_REFRESH_ENABLED: 'true',
    }),
  };
}

function bareContender(database: TestDatabase): Contender {
  return {
    name: 'bare server',
    main: BARE_MAIN,
    readyLine: /bare server is ready/,
    env: (port) => ({ PORT: String(port), DATABASE_URL: database.url }),
  };
}

/** Spawns one process, waits for its first 200 and its ready line, stops it. */
async function start(contender: Contender, extraEnv: Record<string, string> = {}): Promise<Start> {
  const port = await freePort();
  const env = { ...contender.env(port), ...extraEnv };
  const spawned = performance.now();
  const started = spawnService(env, ROOT, contender.main);
  let times: { readyMs: number; logMs: number } | undefined;
  let failure: unknown;
  try {
    const logged = started.waitFor(contender.readyLine, START_TIMEOUT_MS).then(() => performance.now() - spawned);
    // The line may come before or after the first 200; both are awaited.
    logged.catch(() => undefined);
    const readyMs = await firstOk(`http://127.0.0.1:${port}/health/ready`, () => started.child.exitCode !== null, spawned);
    times = { readyMs, logMs: await logged };
  } catch (error) {
    failure = error;
  } finally {
    if (started.child.exitCode === null) started.child.kill('SIGTERM');
    await started.exited();
  }
  if (times === undefined) {
    const reason = failure instanceof Error ? failure.message : String(failure);
    throw new Error(`${contender.name} did not start (${reason}):\n${started.output()}`);
  }
  // Read after the exit: the load trace is printed then.
  return { ...times, output: started.output() };
}

/** Milliseconds from `since` to the first 200 at `url`, probing every PROBE_EVERY_MS. */
async function firstOk(url: string, exited: () => boolean, since: number): Promise<number> {
  for (;;) {
    if ((await status(url)) === 200) return performance.now() - since;
    if (exited()) throw new Error('the process exited before it was ready');
    if (performance.now() - since > START_TIMEOUT_MS) throw new Error(`not ready after ${START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
  }
}

/** One GET on a connection of its own (the port is not open yet for most probes). */
function status(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const probe = request(url, { agent: false, timeout: 5_000 }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    probe.once('error', () => resolve(undefined));
    probe.once('timeout', () => probe.destroy());
    probe.end();
  });
}

/** What the traced start spent on loading modules, and on everything after. */
function breakdown(traced: Start): string[] {
  const line = traced.output.split('\n').find((candidate) => candidate.startsWith('LOAD_TRACE '));
  if (line === undefined) return ['(no load trace in the traced start)'];
  const trace = JSON.parse(line.slice('LOAD_TRACE '.length)) as LoadTrace;
  const packages = Object.entries(trace.packagesMs);
  const packagesMs = packages.reduce((sum, [, spent]) => sum + spent, 0);
  const shown = packages.slice(0, PACKAGES_SHOWN);
  const rest = packages.slice(PACKAGES_SHOWN);
  return [
    `where the time goes (one more start with ${join('bench', 'support', 'load-trace.cjs')}, which slows it a little):`,
    `  spawn → ready                                   ${ms(traced.readyMs)}`,
    `  process start → main module evaluated           ${ms(trace.mainEvaluatedMs)}  (${trace.filesAtMain} CommonJS files)`,
    `    packages (their first loads)                  ${ms(packagesMs)}`,
    ...shown.map(([name, spent]) => `      ${name.padEnd(42)}${ms(spent)}`),
    `      ${`${rest.length} more`.padEnd(42)}${ms(rest.reduce((sum, [, spent]) => sum + spent, 0))}`,
    `    our own files (dist/, decorators included)    ${ms(trace.ownFilesMs)}`,
    `  main evaluated → ready: Nest, database, listen  ${ms(traced.readyMs - trace.mainEvaluatedMs)}  (spawn → process start not separated)`,
    `  files loaded after main evaluated (lazily)      ${String(trace.filesAtExit - trace.filesAtMain).padStart(6)}`,
  ];
}

/** A deployed replica finds its database migrated: the start measured is the usual one. */
async function migrate(database: TestDatabase): Promise<string[]> {
  const dataSource = await new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 1 })).initialize();
  try {
    return await runPendingMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

function stats(values: readonly number[]): { median: number; min: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0] };
}

function ms(value: number): string {
  return `${value.toFixed(0).padStart(6)} ms`;
}

function parseOptions(argv: readonly string[]): Options {
  let runs = 7;
  for (const argument of argv) {
    const [flag, value] = argument.split('=');
    if (flag === '--runs' && /^\d+$/.test(value ?? '') && Number(value) > 0) runs = Number(value);
    else throw new Error(`Unknown or invalid argument "${argument}" (use --runs=N)`);
  }
  return { runs };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
