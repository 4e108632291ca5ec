import type { RunningEmulator } from '../src/emulator';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import { type ReplicaProcess, startReplicaProcess } from './support/replica-process';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

const SELLERS = ['seller_one', 'seller_two', 'seller_three', 'seller_quiet'];

/**
 * Refreshes across replicas, each replica a process of its own on one database: the refresh
 * lease makes one eBay grant per token, and while eBay takes its time no replica holds a
 * database connection for it.
 */
describe('refreshing across replicas', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;

  async function refreshGrants(): Promise<number> {
    return (await control.stats()).tokenGrants.refresh_token;
  }

  async function tokenRows(accountIds: readonly string[]): Promise<{ expires_at: Date; next_refresh_at: Date | null }[]> {
    const result = await withDatabase(t.database.url, (client) =>
      client.query('SELECT expires_at, next_refresh_at FROM ebay_tokens WHERE ebay_account_id = ANY($1::uuid[])', [accountIds]),
    );
    return result.rows as { expires_at: Date; next_refresh_at: Date | null }[];
  }

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    t = await startConnectedApp(emulator);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });
  beforeEach(async () => {
    await control.clearFaults();
    await control.setLatency(0);
  });

  it('serves requests at once while eBay takes 8 s to refresh, and makes one refresh per token across three replicas', async () => {
    // Two of the replicas have two connections each: a refresh holding one across eBay's
    // answer would leave nothing for requests.
    const replicas: ReplicaProcess[] = await Promise.all(
      [1, 2].map(() => startReplicaProcess(t.database, emulator, { DATABASE_POOL_SIZE: '2', TOKEN_REFRESH_ENABLED: 'false' })),
    );
    try {
      const user = await registerAndLogin(t.http);
      const accounts = await Promise.all(SELLERS.slice(0, 3).map((ebayUser) => connectAccount(t, user, { ebayUser })));
      const ids = accounts.map((account) => account.id);
      await withDatabase(t.database.url, (client) =>
        client.query(`UPDATE ebay_tokens SET expires_at = now() - interval '1 minute' WHERE ebay_account_id = ANY($1::uuid[])`, [ids]),
      );
      await control.addFault({ endpoint: 'token', grantType: 'refresh_token', mode: 'hang', delayMs: 8_000, count: 3 });
      const before = await refreshGrants();

      // Every replica is asked to refresh every account at the same moment.
      let refreshesSettled = false;
      const refreshes = Promise.all(
        [t.http, ...replicas.map((replica) => replica.http)].flatMap((http) =>
          ids.map((id) => http.post(`/api/ebay-accounts/${id}/refresh-token`).set(user.auth)),
        ),
      ).finally(() => {
        refreshesSettled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));

      const requests = Array.from({ length: 50 }, (_, i) => {
        const http = replicas[i % 2].http;
        if (i % 5 === 0) return http.get('/health/ready');
        return i % 2 === 0 ? http.get('/api/ebay-accounts').set(user.auth) : http.get('/api/auth/me').set(user.auth);
      });
      const answered = await Promise.all(requests);

      expect(answered.map((response) => response.status)).toEqual(Array(50).fill(200));
      // All 50 were served while every refresh was still waiting for eBay.
      expect(refreshesSettled).toBe(false);

      const refreshed = await refreshes;
      expect(refreshed.map((response) => response.status)).toEqual(Array(9).fill(200));
      expect((await refreshGrants()) - before).toBe(3);
      for (const row of await tokenRows(ids)) expect(row.expires_at.getTime()).toBeGreaterThan(Date.now() + 7000 * 1000);
    } finally {
      await Promise.all(replicas.map((replica) => replica.stop()));
    }
  }, 90_000);

  it('refreshes 300 due tokens in the background exactly once, the work spread over three replicas', async () => {
    const ids: string[] = [];
    const sellers: string[] = [];
    for (let n = 0; n < 100; n++) sellers.push((await control.addUser({ username: `spread_seller_${n}` })).username);
    for (let org = 0; org < 3; org++) {
      const user: SignedInUser = await registerAndLogin(t.http);
      for (const ebayUser of sellers) ids.push((await connectAccount(t, user, { ebayUser })).id);
    }
    await withDatabase(t.database.url, (client) =>
      client.query(
        `UPDATE ebay_tokens SET expires_at = now() + interval '5 minutes', next_refresh_at = now() - interval '1 second'
          WHERE ebay_account_id = ANY($1::uuid[])`,
        [ids],
      ),
    );
    // Slow enough that the work outlasts the replicas' differences in boot time (≈ 5 s for all three).
    await control.setLatency(200);
    const before = await refreshGrants();

    const replicas = await Promise.all(
      [1, 2, 3].map(() =>
        startReplicaProcess(t.database, emulator, {
          TOKEN_REFRESH_ENABLED: 'true',
          TOKEN_REFRESH_CRON: '* * * * * *',
          TOKEN_REFRESH_CONCURRENCY: '4',
        }),
      ),
    );
    try {
      const deadline = Date.now() + 30_000;
      const isRefreshed = (row: { next_refresh_at: Date | null }) =>
        row.next_refresh_at !== null && row.next_refresh_at.getTime() > Date.now() + 3600 * 1000;
      while (!(await tokenRows(ids)).every(isRefreshed) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect((await tokenRows(ids)).filter(isRefreshed)).toHaveLength(300);
      // A few more runs find nothing due: still one grant per token.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect((await refreshGrants()) - before).toBe(300);
      const { rows: byReplica } = await withDatabase(t.database.url, (client) =>
        client.query(`SELECT replica, sum(refreshed)::int AS refreshed FROM token_refresh_runs GROUP BY replica`),
      );
      expect(byReplica).toHaveLength(3);
      expect(byReplica.reduce((sum: number, row: { refreshed: number }) => sum + row.refreshed, 0)).toBe(300);
      for (const row of byReplica) expect(row.refreshed).toBeGreaterThan(0);
    } finally {
      await Promise.all(replicas.map((replica) => replica.stop()));
    }
  }, 120_000);
});
