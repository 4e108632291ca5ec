/**
 * What the eBay proxy costs beside calling eBay directly with the same token, in one run: the
 * emulator (its own process, answering in `--latency` ms) serves Fulfillment getOrders
 * (`limit=1`) straight, through the service (its own process, production build,
 * LOG_LEVEL=warn) with a JWT, and through the bare server (bench/bare-server.ts: Express, pg
 * and node:http making the same checks with the same statements, no audit, no retries): the
 * floor of any proxy in Node on this machine. autocannon drives each with 8 and 64
 * connections for `--seconds`, in turn; then one caller makes `--calls` calls each way, in
 * turn, timed one by one, for the overhead at the median.
 *
 *   npm run build && npm run bench:proxy -- --latency=20 --seconds=10 --calls=500
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { TokenService } from '../src/tokens/token.service';
import { connectAccount, TEST_CLIENT, TEST_RUNAME } from '../test/support/connected-app';
import { EmulatorControl } from '../test/support/emulator-control';
import { freePort, spawnService } from '../test/support/service-process';
import { startTestApp, TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET } from '../test/support/test-app';
import { createTestDatabase } from '../test/support/test-database';
import { registerAndLogin } from '../test/support/users';
import { type BareServer, startBareServer } from './bare-server-process';
import { waitForReady } from './support/service-ready';

const EMULATOR_MAIN = join(__dirname, '..', 'dist', 'src', 'emulator', 'main.js');
const ORDERS = '/sell/fulfillment/v1/order?limit=1';

interface Options {
  readonly latencyMs: number;
  readonly seconds: number;
  readonly calls: number;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const [emulatorPort, apizPort] = [await freePort(), await freePort()];
  const emulator = await spawnEmulator(emulatorPort, apizPort);
  // A child left running would hold the terminal's pipe open: a failed run would look hung.
  try {
    await measure(options, emulatorPort, apizPort);
  } finally {
    emulator.kill('SIGTERM');
  }
}

async function measure(options: Options, emulatorPort: number, apizPort: number): Promise<void> {
  const ebay = `http://127.0.0.1:${emulatorPort}`;
  const control = new EmulatorControl(ebay);
  await control.registerApp({ ...TEST_CLIENT, ruNames: [] });
  const ebayVariables = {
    EBAY_ENVIRONMENT: 'sandbox',
    EBAY_CLIENT_ID: TEST_CLIENT.clientId,
    EBAY_CLIENT_SECRET: TEST_CLIENT.clientSecret,
    EBAY_RUNAME: TEST_RUNAME,
    EBAY_AUTH_BASE_URL: ebay,
    EBAY_API_BASE_URL: ebay,
    EBAY_APIZ_BASE_URL: `http://127.0.0.1:${apizPort}`,
    TOKEN_REFRESH_ENABLED: 'false',
    HEALTH_CHECK_ENABLED: 'false',
    SYNC_ENABLED: 'false',
  };
  const database = await createTestDatabase({ migrated: false });
  const t = await startTestApp({ database, env: { ...ebayVariables, LOG_LEVEL: 'warn' } });
  const servicePort = await freePort();
  const service = spawnService(
    {
      ...ebayVariables,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ebay-connect-bench-')),
      PORT: String(servicePort),
      JWT_SECRET: TEST_JWT_SECRET,
      TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      LOG_LEVEL: 'warn',
      // The bench's callers are one account's: its own bound would refuse 48 of the 64.
      EBAY_PROXY_MAX_CONCURRENT_PER_ACCOUNT: '128',
    },
    process.cwd(),
  );
  let bare: BareServer | undefined;
  try {
    await control.registerRuName(TEST_CLIENT.clientId, { ruName: TEST_RUNAME, acceptUrl: `${t.baseUrl}/api/ebay/callback`, declineUrl: `${t.baseUrl}/api/ebay/callback` });
    const user = await registerAndLogin(t.http);
    const account = await connectAccount(t, user, { ebayUser: 'seller_one' });
    const token = await t.app.get(TokenService).getAccessToken(account.id);
    await waitForReady(service, `http://127.0.0.1:${servicePort}`);
    bare = await startBareServer({ databaseUrl: database.url, ebay: { apiBaseUrl: ebay, token } });
    await control.setLatency(options.latencyMs);
    const path = `/api/ebay-accounts/${account.id}/ebay${ORDERS}`;
    const direct = { url: `${ebay}${ORDERS}`, headers: { authorization: `Bearer ${token}` } };
    const proxied = { url: `http://127.0.0.1:${servicePort}${path}`, headers: user.auth };
    const bareProxied = { url: `${bare.baseUrl}${path}`, headers: user.auth };

    process.stdout.write(`eBay emulator answering in ${options.latencyMs} ms; getOrders limit=1\n`);
    for (const connections of [8, 64]) {
      const [directFigures, proxiedFigures, bareFigures] = [
        await drive(direct, connections, options.seconds),
        await drive(proxied, connections, options.seconds),
        await drive(bareProxied, connections, options.seconds),
      ];
      process.stdout.write(
        `${connections} callers: direct ${directFigures.perSecond.toFixed(0)} req/s (p50 ${directFigures.p50Ms} ms), ` +
          `service ${proxiedFigures.perSecond.toFixed(0)} req/s (p50 ${proxiedFigures.p50Ms} ms, ${proxiedFigures.failures} failures), ` +
          `bare proxy ${bareFigures.perSecond.toFixed(0)} req/s (p50 ${bareFigures.p50Ms} ms): ` +
          `service/direct ${(proxiedFigures.perSecond / directFigures.perSecond).toFixed(2)}, ` +
          `bare/direct ${(bareFigures.perSecond / directFigures.perSecond).toFixed(2)}, ` +
          `service/bare ${(proxiedFigures.perSecond / bareFigures.perSecond).toFixed(2)}\n`,
      );
    }
    const [directMs, proxiedMs, bareMs] = (await inTurn([direct, proxied, bareProxied], options.calls)).map(median);
    process.stdout.write(
      `1 caller, ${options.calls} calls each way: direct p50 ${directMs.toFixed(2)} ms, service ${proxiedMs.toFixed(2)} ms, ` +
        `bare proxy ${bareMs.toFixed(2)} ms: overhead service ${(proxiedMs - directMs).toFixed(2)} ms, bare ${(bareMs - directMs).toFixed(2)} ms\n`,
    );
  } finally {
    await bare?.stop();
    service.child.kill('SIGTERM');
    await service.exited();
    await t.close();
    await database.drop();
  }
}

/** `npm run emulator` without the build: its own process, its line per call thrown away. */
async function spawnEmulator(port: number, apizPort: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [EMULATOR_MAIN, `--port=${port}`, `--apiz-port=${apizPort}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`The emulator exited with ${code}`)));
  });
  child.stdout?.resume();
  return child;
}

async function drive(
  target: { readonly url: string; readonly headers: Record<string, string> },
  connections: number,
  seconds: number,
): Promise<{ perSecond: number; p50Ms: number; failures: number }> {
  await autocannon({ ...target, connections, duration: 1 });
  const result = await autocannon({ ...target, connections, duration: seconds });
  return { perSecond: result.requests.average, p50Ms: result.latency.p50, failures: result.non2xx + result.errors };
}

/** One call after another, to each target in turn, each timed: the times by target. */
async function inTurn(targets: readonly { readonly url: string; readonly headers: Record<string, string> }[], calls: number): Promise<number[][]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[][] = targets.map(() => []);
  for (let i = 0; i < calls; i++) {
    for (const [index, target] of targets.entries()) {
      const started = performance.now();
      await get(target.url, target.headers, agent);
      times[index].push(performance.now() - started);
    }
  }
  agent.destroy();
  return times;
}

function get(url: string, headers: Record<string, string>, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { headers, agent }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${url} answered ${response.statusCode}`))));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function parseOptions(args: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const match = args.map((arg) => new RegExp(`^--${name}=(\\d+)$`).exec(arg)).find(Boolean);
    return match ? Number(match[1]) : fallback;
  };
  return { latencyMs: value('latency', 20), seconds: value('seconds', 10), calls: value('calls', 500) };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
