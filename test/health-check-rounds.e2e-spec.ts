import type { RunningEmulator } from '../src/emulator';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import { type ReplicaProcess, startReplicaProcess } from './support/replica-process';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin } from './support/users';

const SELLERS = ['seller_one', 'seller_two', 'seller_three', 'seller_quiet'];
const ORGS = 8;
/** Every 10 s: a round takes about a second here, so each one is over before the next. */
const EVERY_TEN_SECONDS = '*/10 * * * * *';

interface RoundRow {
  readonly id: string;
  readonly scheduled_at: Date;
  readonly account_count: number;
  readonly finished_at: Date | null;
}

interface ClaimRow {
  readonly round_id: string;
  readonly ebay_account_id: string;
  readonly claimed_by: string | null;
  readonly checked_at: Date | null;
  readonly event_id: string | null;
}

/**
 * The periodic health check across replicas, each a process of its own on one database, all
 * running the schedule: each round checks every active account exactly once, counted at the
 * emulator and in the events, with the work spread over the replicas.
 */
describe('health check rounds across replicas', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;

  async function query<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
    const result = await withDatabase(t.database.url, (client) => client.query(sql, params));
    return result.rows as Row[];
  }

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    t = await startConnectedApp(emulator);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it('checks each active account exactly once per round with three replicas, spreading the work', async () => {
    const active: string[] = [];
    for (let org = 0; org < ORGS; org++) {
      const user = await registerAndLogin(t.http);
      for (const ebayUser of SELLERS) active.push((await connectAccount(t, user, { ebayUser })).id);
    }
    // A disconnected account is not part of any round.
    const leaver = await registerAndLogin(t.http);
    const disconnected = await connectAccount(t, leaver, { ebayUser: 'seller_one' });
    await t.http.delete(`/api/ebay-accounts/${disconnected.id}`).set(leaver.auth).expect(200);
    // Slow enough that every replica's workers are needed while a round lasts.
    await control.setLatency(100);
    const identityBefore = (await control.stats()).calls.identity;

    const replicas: ReplicaProcess[] = await Promise.all(
      [1, 2, 3].map(() =>
        startReplicaProcess(t.database, emulator, {
          HEALTH_CHECK_ENABLED: 'true',
          HEALTH_CHECK_CRON: EVERY_TEN_SECONDS,
          HEALTH_CHECK_CONCURRENCY: '2',
        }),
      ),
    );
    const allUpAt = new Date();
    try {
      // Wait for a round that began once all three were up, and for it to finish.
      const deadline = Date.now() + 45_000;
      let joinedByAll: RoundRow | undefined;
      while (joinedByAll === undefined && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        [joinedByAll] = await query<RoundRow>(
          `SELECT * FROM ebay_health_check_rounds WHERE scheduled_at > $1 AND finished_at IS NOT NULL ORDER BY scheduled_at LIMIT 1`,
          [allUpAt],
        );
      }
      expect(joinedByAll).toBeDefined();
    } finally {
      // Stopping lets the checks in flight finish and be recorded.
      await Promise.all(replicas.map((replica) => replica.stop()));
    }

    const rounds = await query<RoundRow>('SELECT * FROM ebay_health_check_rounds ORDER BY scheduled_at');
    const claims = await query<ClaimRow>('SELECT * FROM ebay_health_check_claims');
    const events = await query<{ id: string; ebay_account_id: string; is_healthy: boolean }>(
      'SELECT id, ebay_account_id, is_healthy FROM ebay_health_events',
    );
    const identityCalls = (await control.stats()).calls.identity - identityBefore;

    // Every round covered exactly the active accounts; every finished one checked each of them.
    for (const round of rounds) {
      const members = claims.filter((claim) => claim.round_id === round.id);
      expect(members.map((claim) => claim.ebay_account_id).sort()).toEqual([...active].sort());
      expect(round.account_count).toBe(active.length);
      if (round.finished_at !== null) expect(members.every((claim) => claim.event_id !== null)).toBe(true);
    }
    // One event per checked claim, one eBay call per event, and nothing for the disconnected account.
    const checked = claims.filter((claim) => claim.checked_at !== null);
    expect(events.every((event) => event.is_healthy)).toBe(true);
    expect(events).toHaveLength(checked.length);
    expect(new Set(checked.map((claim) => claim.event_id))).toEqual(new Set(events.map((event) => event.id)));
    expect(identityCalls).toBe(events.length);
    expect(events.some((event) => event.ebay_account_id === disconnected.id)).toBe(false);
    // Each account: as many events as rounds that checked it.
    for (const accountId of active) {
      const roundsChecked = checked.filter((claim) => claim.ebay_account_id === accountId).length;
      expect(events.filter((event) => event.ebay_account_id === accountId)).toHaveLength(roundsChecked);
    }

    // The round all three were up for: each of them took part.
    const shared = rounds.find((round) => round.scheduled_at > allUpAt && round.finished_at !== null)!;
    const byReplica = new Map<string, number>();
    for (const claim of claims.filter((claim) => claim.round_id === shared.id)) {
      byReplica.set(claim.claimed_by!, (byReplica.get(claim.claimed_by!) ?? 0) + 1);
    }
    expect(byReplica.size).toBe(3);
    expect([...byReplica.values()].reduce((sum, n) => sum + n, 0)).toBe(active.length);
    const ranRounds = replicas.filter((replica) => /Checked accounts’ health/.test(replica.service.output()));
    expect(ranRounds).toHaveLength(3);
  }, 150_000);
});
