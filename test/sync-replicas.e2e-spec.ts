import type { RunningEmulator } from '../src/emulator';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import { type ReplicaProcess, startReplicaProcess } from './support/replica-process';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin } from './support/users';

const SELLERS = ['seller_one', 'seller_two', 'seller_three'];
const ORGS = 4;
/** A periodic run takes a few seconds here: each is over well before the next. */
const EVERY_FIFTEEN_SECONDS = '*/15 * * * * *';

/** One run of one pair, as a replica's log tells it. */
interface RunSpan {
  readonly replica: number;
  readonly pair: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** The runs in a replica's JSON log: "Sync started" up to the line that ends the same pair. */
function spansOf(replica: number, output: string): RunSpan[] {
  const open = new Map<string, number>();
  const spans: RunSpan[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; time?: number; accountId?: string; resource?: string };
    if (entry.accountId === undefined || entry.resource === undefined || entry.time === undefined) continue;
    const pair = `${entry.accountId}/${entry.resource}`;
    if (entry.msg === 'Sync started') open.set(pair, entry.time);
    else if (/^Sync (finished|failed|stopped)/.test(entry.msg ?? '') && open.has(pair)) {
      spans.push({ replica, pair, startedAt: open.get(pair) as number, endedAt: entry.time });
      open.delete(pair);
    }
  }
  return spans;
}

/**
 * The sync across replicas, each a process of its own on one database: a pair is never synced
 * by two at once (asked through the API of each, or due in the periodic run), and the
 * periodic run spreads the pairs over the replicas.
 */
describe('sync across replicas', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    t = await startConnectedApp(emulator);
  });

  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it('never syncs one pair on two replicas at once, and spreads the periodic run over them', async () => {
    const owner = await registerAndLogin(t.http);
    const pairs: string[] = [];
    const accounts: string[] = [];
    for (let org = 0; org < ORGS; org++) {
      const user = org === 0 ? owner : await registerAndLogin(t.http);
      for (const ebayUser of SELLERS) {
        const { id } = await connectAccount(t, user, { ebayUser });
        accounts.push(id);
        pairs.push(`${id}/orders`, `${id}/transactions`);
      }
    }
    // Slow enough that both replicas' workers are busy while a periodic run lasts.
    await control.setLatency(150);
    const replicas: ReplicaProcess[] = await Promise.all(
      [1, 2].map(() =>
        startReplicaProcess(t.database, emulator, {
          SYNC_ENABLED: 'true',
          SYNC_CRON: EVERY_FIFTEEN_SECONDS,
          SYNC_CONCURRENCY: '2',
          LOG_FORMAT: 'json',
        }),
      ),
    );
    const allUpAt = new Date();
    try {
      // The same pair asked of both replicas at once: one runs it, the other refuses.
      const [a, b] = await Promise.all(
        replicas.map((replica) =>
          replica.http.post(`/api/ebay-accounts/${accounts[0]}/sync/orders`).set(owner.auth).then((response) => response),
        ),
      );
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect([a, b].find((response) => response.status === 409)?.body.code).toBe('sync_running');

      // Wait for a periodic run that began once both were up to have synced every pair.
      const deadline = Date.now() + 60_000;
      let done = 0;
      while (done < pairs.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const rows = await withDatabase(t.database.url, (client) =>
          client.query('SELECT count(*)::int AS n FROM ebay_sync_cursors WHERE last_started_at > $1 AND last_finished_at IS NOT NULL', [allUpAt]),
        );
        done = (rows.rows[0] as { n: number }).n;
      }
      expect(done).toBe(pairs.length);
    } finally {
      await Promise.all(replicas.map((replica) => replica.stop()));
    }
    const stoppedAt = Date.now();

    const spans = replicas.flatMap((replica, index) => spansOf(index, replica.service.output()));
    expect(new Set(spans.map((span) => span.pair))).toEqual(new Set(pairs));
    for (const pair of pairs) {
      const runs = spans.filter((span) => span.pair === pair).sort((x, y) => x.startedAt - y.startedAt);
      for (let i = 1; i < runs.length; i++) expect(runs[i].startedAt).toBeGreaterThanOrEqual(runs[i - 1].endedAt);
    }
    // Both replicas took part in the periodic run.
    const periodic = spans.filter((span) => span.startedAt > allUpAt.getTime() + 1000);
    expect(new Set(periodic.map((span) => span.replica))).toEqual(new Set([0, 1]));
    // A pair at most once per scheduled run that fell while both were up (the API's run aside).
    const ticks = Math.floor(stoppedAt / 15_000) - Math.floor(allUpAt.getTime() / 15_000);
    for (const pair of pairs.slice(1)) {
      expect(periodic.filter((span) => span.pair === pair).length).toBeLessThanOrEqual(ticks);
    }
  }, 150_000);
});
