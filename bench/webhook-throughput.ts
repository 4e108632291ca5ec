/**
 * How fast committed events reach webhook receivers: the service in its own process
 * (production build, LOG_LEVEL=warn) delivers to `--endpoints` receivers (bench/support/
 * timed-receiver.ts: separate HTTP servers that verify every signature with standardwebhooks)
 * while this script writes events with the service's own statements (EVENT_ORDER_LOCK_SQL,
 * APPEND_EVENT_SQL), each for one endpoint in turn, `--events` of them per phase:
 *
 * - backlog: all at once (100 to a transaction), then deliveries per second from the first
 *   commit to the last 2xx;
 * - steady: `--rate` events a second, each tick's in one transaction, then commit-to-2xx
 *   latency (p50, p95, p99).
 *
 * Both with receivers answering at once and after `--slow` ms. Latency is measured here, from
 * the COMMIT's return to the receiver writing its 200, on one clock. The backlog's floor is
 * bench/support/bare-webhook-sender.cjs: a process that signs and POSTs the same number with
 * the same bounds and no database (ratio service/bare).
 *
 *   npm run build && npm run bench:webhooks -- --events=10000 --endpoints=10 --rate=500 --slow=200
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { DEFAULT_WEBHOOK_CONCURRENCY } from '../src/config/events-settings';
import { eventIdOf } from '../src/events/event-id';
import { APPEND_EVENT_SQL, EVENT_ORDER_LOCK_SQL } from '../src/events/event.repository';
import { ebayEnv, startTestEbay } from '../test/support/connected-app';
import { freePort, spawnService } from '../test/support/service-process';
import { TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET } from '../test/support/test-app';
import { createTestDatabase } from '../test/support/test-database';
import { registerAndLogin } from '../test/support/users';
import { waitForReady } from './support/service-ready';
import { TimedReceiver } from './support/timed-receiver';

interface Options {
  readonly events: number;
  readonly endpoints: number;
  readonly rate: number;
  readonly slowMs: number;
  /** WEBHOOK_CONCURRENCY for the service, and the bare sender's bound. */
  readonly concurrency: number;
}

/** Where each event goes and when its transaction committed, by webhook-id. */
type Commits = Map<string, { readonly receiver: TimedReceiver; readonly at: number }>;

const BACKLOG_BATCH = 100;
const STEADY_TICK_MS = 10;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { emulator } = await startTestEbay();
  const database = await createTestDatabase({ migrated: false });
  const port = await freePort();
  const service = spawnService(
    {
      ...ebayEnv(emulator),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ebay-connect-bench-')),
      PORT: String(port),
      JWT_SECRET: TEST_JWT_SECRET,
      TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      LOG_LEVEL: 'warn',
      // The receivers are on 127.0.0.1, which production refuses unless told.
      WEBHOOK_ALLOW_INSECURE_TARGETS: 'true',
      WEBHOOK_CONCURRENCY: String(options.concurrency),
    },
    process.cwd(),
  );
  const receivers = await Promise.all(Array.from({ length: options.endpoints }, () => TimedReceiver.start()));
  const client = new Client({ connectionString: database.url });
  try {
    await waitForReady(service, `http://127.0.0.1:${port}`);
    const http = request(`http://127.0.0.1:${port}`);
    const user = await registerAndLogin(http);
    const endpointIds: string[] = [];
    const targets: BareTarget[] = [];
    for (const receiver of receivers) {
      const created = await http.post('/api/webhook-endpoints').set(user.auth).send({ url: receiver.url }).expect(201);
      receiver.verifyWith(created.body.secret as string);
      endpointIds.push(created.body.id as string);
      targets.push({ url: receiver.url, secret: created.body.secret as string });
    }
    await client.connect();
    const writer = new EventWriter(client, user.id, endpointIds, receivers);
    process.stdout.write(
      `${options.events} events a phase, one endpoint each in turn over ${options.endpoints} receivers; ` +
        `WEBHOOK_CONCURRENCY ${options.concurrency}\n`,
    );
    for (const delayMs of [0, options.slowMs]) {
      for (const receiver of receivers) receiver.reset(delayMs);
      const backlog = await writer.backlog(options.events);
      const backlogDone = await allAnswered(backlog, receivers);
      const first = Math.min(...[...backlog.values()].map((commit) => commit.at));
      const deliveriesPerSecond = backlog.size / ((backlogDone - first) / 1000);
      // The service's deliveries only, backlog and steady: the bare sender's are not counted.
      let [duplicates, unverified] = [countOf(receivers, 'duplicates'), countOf(receivers, 'unverified')];

      for (const receiver of receivers) receiver.reset(delayMs);
      const bareMs = await runBareSender(targets, options.events, options.concurrency);
      const bareDeliveriesPerSecond = options.events / (bareMs / 1000);

      for (const receiver of receivers) receiver.reset(delayMs);
      const steady = await writer.steady(options.events, options.rate);
      await allAnswered(steady, receivers);
      const latencies = latenciesOf(steady).sort((a, b) => a - b);
      duplicates += countOf(receivers, 'duplicates');
      unverified += countOf(receivers, 'unverified');
      process.stdout.write(
        `receivers answering in ${delayMs} ms: backlog ${deliveriesPerSecond.toFixed(0)} deliveries/s ` +
          `(bare sender ${bareDeliveriesPerSecond.toFixed(0)}/s: ${(deliveriesPerSecond / bareDeliveriesPerSecond).toFixed(2)} of it); ` +
          `steady ${options.rate}/s: commit→2xx p50 ${percentile(latencies, 0.5)} ms, p95 ${percentile(latencies, 0.95)} ms, ` +
          `p99 ${percentile(latencies, 0.99)} ms, max ${latencies[latencies.length - 1]} ms; ` +
          `${duplicates} duplicates, ${unverified} unverified\n`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
    service.child.kill('SIGTERM');
    await service.exited();
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await emulator.close();
    await database.drop();
  }
}

/** Writes webhook.test events for the organisation, each for the next endpoint in turn, as the service writes them. */
class EventWriter {
  private next = 0;

  constructor(
    private readonly client: Client,
    private readonly orgId: string,
    private readonly endpointIds: readonly string[],
    private readonly receivers: readonly TimedReceiver[],
  ) {}

  /** `count` events as fast as one connection commits them. */
  async backlog(count: number): Promise<Commits> {
    const commits: Commits = new Map();
    for (let written = 0; written < count; written += BACKLOG_BATCH) {
      await this.transaction(Math.min(BACKLOG_BATCH, count - written), commits);
    }
    return commits;
  }

  /** `count` events at `perSecond`: each tick writes those that are due, in one transaction. */
  async steady(count: number, perSecond: number): Promise<Commits> {
    const commits: Commits = new Map();
    const started = performance.now();
    let written = 0;
    while (written < count) {
      const due = Math.min(count, Math.floor(((performance.now() - started) / 1000) * perSecond)) - written;
      if (due > 0) {
        await this.transaction(due, commits);
        written += due;
      }
      await new Promise((resolve) => setTimeout(resolve, STEADY_TICK_MS));
    }
    return commits;
  }

  private async transaction(count: number, commits: Commits): Promise<void> {
    await this.client.query('BEGIN');
    await this.client.query(EVENT_ORDER_LOCK_SQL);
    const written: { id: string; receiver: TimedReceiver }[] = [];
    for (let i = 0; i < count; i++) {
      const index = this.next++ % this.endpointIds.length;
      const endpointId = this.endpointIds[index];
      const {
        rows: [row],
      } = await this.client.query<{ id: string; deliveries: number }>(APPEND_EVENT_SQL.organisation, [
        'webhook.test',
        JSON.stringify({ endpointId }),
        endpointId,
        this.orgId,
      ]);
      if (row.deliveries !== 1) throw new Error(`An event for ${endpointId} made ${row.deliveries} deliveries`);
      written.push({ id: eventIdOf(row.id), receiver: this.receivers[index] });
    }
    await this.client.query('COMMIT');
    const at = Date.now();
    for (const each of written) commits.set(each.id, { receiver: each.receiver, at });
  }
}

interface BareTarget {
  readonly url: string;
  readonly secret: string;
}

/** bench/support/bare-webhook-sender.cjs in a process of its own: its milliseconds for `count` deliveries. */
async function runBareSender(targets: readonly BareTarget[], count: number, concurrency: number): Promise<number> {
  const child = spawn(process.execPath, [join(__dirname, 'support', 'bare-webhook-sender.cjs')], {
    env: { PATH: process.env.PATH ?? '', BARE_TARGETS: JSON.stringify(targets), BARE_COUNT: String(count), BARE_CONCURRENCY: String(concurrency) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`The bare sender exited with ${code}`);
  return Number(output.trim());
}

/** Resolves with the time of the last 2xx once every event has one; fails if they stop coming. */
async function allAnswered(commits: Commits, receivers: readonly TimedReceiver[]): Promise<number> {
  let answered = 0;
  let lastProgress = Date.now();
  for (;;) {
    const now = receivers.reduce((sum, receiver) => sum + receiver.answeredAt.size, 0);
    if (now >= commits.size) break;
    if (now > answered) [answered, lastProgress] = [now, Date.now()];
    if (Date.now() - lastProgress > 30_000) throw new Error(`Deliveries stopped at ${answered} of ${commits.size}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Math.max(...receivers.map((receiver) => Math.max(...receiver.answeredAt.values())));
}

function countOf(receivers: readonly TimedReceiver[], what: 'duplicates' | 'unverified'): number {
  return receivers.reduce((sum, receiver) => sum + receiver[what], 0);
}

function latenciesOf(commits: Commits): number[] {
  return [...commits].map(([id, commit]) => commit.receiver.answeredAt.get(id)! - commit.at);
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

function parseOptions(args: readonly string[]): Options {
  const value = (name: string): number | undefined => {
    const match = args.map((arg) => new RegExp(`^--${name}=(\\d+)$`).exec(arg)).find(Boolean);
    return match ? Number(match[1]) : undefined;
  };
  return {
    events: value('events') ?? 10_000,
    endpoints: value('endpoints') ?? 10,
    rate: value('rate') ?? 500,
    slowMs: value('slow') ?? 200,
    concurrency: value('concurrency') ?? DEFAULT_WEBHOOK_CONCURRENCY,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
