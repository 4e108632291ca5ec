/**
 * How fast the sync copies one account's orders from eBay, and how many calls it makes,
 * beside the floor measured in the same run: the same pages fetched bare (one HTTP request
 * after another, nothing parsed or stored), and the ideal number of calls ⌈N / 200⌉.
 * The service runs in this process against a real PostgreSQL (127.0.0.1:5432, a scratch
 * database dropped afterwards) and the eBay emulator over HTTP, with `--latency` ms per call.
 *
 * - backfill: the first sync of an account holding `--orders` orders;
 * - incremental: then `--changes` of them change at eBay, and the next sync runs.
 *
 *   npm run bench:sync -- --orders=20000 --changes=100 --latency=50
 */
import { startEmulator } from '../src/emulator';
import { TokenService } from '../src/tokens/token.service';
import { connectAccount, startConnectedApp, TEST_CLIENT } from '../test/support/connected-app';
import { EmulatorControl } from '../test/support/emulator-control';
import { createTestDatabase } from '../test/support/test-database';
import { registerAndLogin } from '../test/support/users';

const SELLER = 'bench_seller';
const PAGE_SIZE = 200;
/** The seeded orders span 120 days: a window past that takes every one. */
const BACKFILL_DAYS = 150;
const OVERLAP_SECONDS = 600;
const DAY_MS = 86_400_000;

interface Options {
  readonly orders: number;
  readonly changes: number;
  readonly latencyMs: number;
}

interface SyncBody {
  readonly fetched: number;
  readonly upserted: number;
  readonly ebayCalls: number;
  readonly complete: boolean;
  readonly checkpoint: string;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const emulator = await startEmulator({
    apps: [{ ...TEST_CLIENT, ruNames: [] }],
    users: [{ username: SELLER, accountType: 'BUSINESS', registrationMarketplaceId: 'EBAY_US', orderCount: options.orders }],
  });
  const control = new EmulatorControl(emulator.baseUrl);
  const database = await createTestDatabase({ migrated: false });
  const t = await startConnectedApp(emulator, {
    database,
    env: { LOG_LEVEL: 'warn', SYNC_BACKFILL_DAYS: String(BACKFILL_DAYS), SYNC_OVERLAP_SECONDS: String(OVERLAP_SECONDS) },
  });
  try {
    const user = await registerAndLogin(t.http);
    const account = await connectAccount(t, user, { ebayUser: SELLER });
    // The bare fetcher calls eBay with the account's own token, as the service does.
    const token = await t.app.get(TokenService).getAccessToken(account.id);
    await control.setLatency(options.latencyMs);

    const bareBackfill = await fetchPagesBare(emulator.baseUrl, token, new Date(Date.now() - BACKFILL_DAYS * DAY_MS));
    const backfill = await timed(() => sync(t.baseUrl, user.auth.Authorization, account.id));
    report('backfill', options.orders, backfill, bareBackfill);

    const orders = await control.orders(SELLER);
    for (const order of orders.slice(0, options.changes)) await control.updateOrder(SELLER, order.orderId, { orderPaymentStatus: 'FULLY_REFUNDED' });
    // The range the next sync asks for: from the checkpoint less the overlap.
    const from = new Date(Date.parse(backfill.value.checkpoint) - OVERLAP_SECONDS * 1000);
    const bareIncremental = await fetchPagesBare(emulator.baseUrl, token, from);
    const incremental = await timed(() => sync(t.baseUrl, user.auth.Authorization, account.id));
    report('incremental', bareIncremental.rows, incremental, bareIncremental);
  } finally {
    await t.close();
    await database.drop();
    await emulator.close();
  }
}

async function sync(baseUrl: string, auth: string, accountId: string): Promise<SyncBody> {
  const response = await fetch(`${baseUrl}/api/ebay-accounts/${accountId}/sync/orders`, { method: 'POST', headers: { authorization: auth } });
  if (response.status !== 200) throw new Error(`The sync answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as SyncBody;
}

/** Every page of orders changed since `from`, fetched one after another: the floor. */
async function fetchPagesBare(baseUrl: string, token: string, from: Date): Promise<{ readonly ms: number; readonly calls: number; readonly rows: number }> {
  const started = performance.now();
  let offset = 0;
  let calls = 0;
  for (;;) {
    const query = new URLSearchParams({ filter: `lastmodifieddate:[${from.toISOString()}..]`, limit: String(PAGE_SIZE), offset: String(offset) });
    const response = await fetch(`${baseUrl}/sell/fulfillment/v1/order?${query}`, { headers: { authorization: `Bearer ${token}` } });
    calls++;
    const body = (await response.json()) as { orders: unknown[]; next?: string };
    offset += body.orders.length;
    if (body.next === undefined || body.orders.length === 0) return { ms: performance.now() - started, calls, rows: offset };
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ readonly ms: number; readonly value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

function report(
  name: string,
  expectedRows: number,
  run: { readonly ms: number; readonly value: SyncBody },
  bare: { readonly ms: number; readonly calls: number; readonly rows: number },
): void {
  const ideal = Math.max(1, Math.ceil(expectedRows / PAGE_SIZE));
  const rowsPerSecond = (run.value.fetched / run.ms) * 1000;
  const bareRowsPerSecond = (bare.rows / bare.ms) * 1000;
  process.stdout.write(
    `${name}: ${run.value.fetched} orders fetched, ${run.value.upserted} upserted in ${(run.ms / 1000).toFixed(2)} s ` +
      `(${Math.round(rowsPerSecond)} rows/s); eBay calls ${run.value.ebayCalls}, ideal ${ideal} (ratio ${(ideal / run.value.ebayCalls).toFixed(2)}); ` +
      `bare fetch of the same pages ${(bare.ms / 1000).toFixed(2)} s (${Math.round(bareRowsPerSecond)} rows/s): ` +
      `ratio to floor ${(bare.ms / run.ms).toFixed(2)}\n`,
  );
}

function parseOptions(args: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const match = args.map((arg) => new RegExp(`^--${name}=(\\d+)$`).exec(arg)).find(Boolean);
    return match ? Number(match[1]) : fallback;
  };
  return { orders: value('orders', 20_000), changes: value('changes', 100), latencyMs: value('latency', 50) };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
