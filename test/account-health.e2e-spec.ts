import type { RunningEmulator, EmulatorStats } from '../src/emulator';
import { HealthCheckRoundScheduler } from '../src/health/health-check-round.scheduler';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

/** Every eBay token the emulator hands out starts so (src/emulator/token-strings.ts). */
const TOKEN_SHAPE = /v\^1\.1#/;
const DAY_MS = 86_400_000;

interface EventRow {
  readonly id: string;
  readonly checked_at: Date;
  readonly is_healthy: boolean;
  readonly http_status: number | null;
  readonly error_code: string | null;
}

/**
 * Per-account health over HTTP: the token's state, live checks through the authorized eBay
 * client against the emulator, their history, who may see them, and the periodic round run
 * in this process (the round across replica processes is test/health-check-rounds.e2e-spec.ts).
 */
describe('account health', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  let admin: SignedInUser;
  let alice: SignedInUser;
  let bob: SignedInUser;

  async function calls(): Promise<{ identity: number; refreshes: number }> {
    const stats: EmulatorStats = await control.stats();
    return { identity: stats.calls.identity, refreshes: stats.tokenGrants.refresh_token };
  }

  async function since(before: { identity: number; refreshes: number }): Promise<{ identity: number; refreshes: number }> {
    const now = await calls();
    return { identity: now.identity - before.identity, refreshes: now.refreshes - before.refreshes };
  }

  async function eventRows(accountId: string): Promise<EventRow[]> {
    const result = await withDatabase(t.database.url, (client) =>
      client.query('SELECT * FROM ebay_health_events WHERE ebay_account_id = $1 ORDER BY checked_at DESC, id DESC', [accountId]),
    );
    return result.rows as EventRow[];
  }

  function health(user: SignedInUser, accountId: string, query: Record<string, string> = {}) {
    return t.http.get(`/api/ebay-accounts/${accountId}/health`).query(query).set(user.auth);
  }

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    t = await startConnectedApp(emulator);
    // The first user of a database becomes its administrator.
    admin = await registerAndLogin(t.http);
    alice = await registerAndLogin(t.http);
    bob = await registerAndLogin(t.http);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });
  beforeEach(async () => {
    await control.clearFaults();
    await control.setLatency(0);
  });

  it('shows the tokens’ state and no check before any, without calling eBay', async () => {
    const account = await connectAccount(t, alice, { ebayUser: 'seller_one' });
    const before = await calls();

    const response = await health(alice, account.id).expect(200);

    expect(response.body).toEqual({
      accountId: account.id,
      status: 'active',
      tokenExpiresAt: expect.any(String),
      expiresInSeconds: expect.any(Number),
      lastRefreshedAt: expect.any(String),
      refreshError: null,
      refreshTokenExpiresAt: expect.any(String),
      reconnectSoon: false,
      lastCheck: null,
    });
    expect(response.body.expiresInSeconds).toBeGreaterThan(7000);
    expect(response.body.expiresInSeconds).toBeLessThanOrEqual(7200);
    expect(await since(before)).toEqual({ identity: 0, refreshes: 0 });
  });

  it('checks a healthy account live, records the check, and shows it as the last one', async () => {
    const account = await connectAccount(t, alice, { ebayUser: 'seller_one' });
    const before = await calls();

    const response = await health(alice, account.id, { live: 'true' }).expect(200);

    expect(response.body.live).toEqual({
      isHealthy: true,
      httpStatus: 200,
      errorCode: null,
      errorMessage: null,
      responseTimeMs: expect.any(Number),
      checkedAt: expect.any(String),
    });
    expect(response.body.lastCheck).toEqual({ id: expect.any(String), ...response.body.live });
    expect(await since(before)).toEqual({ identity: 1, refreshes: 0 });
    expect(await eventRows(account.id)).toEqual([
      expect.objectContaining({ id: response.body.lastCheck.id, is_healthy: true, http_status: 200, error_code: null }),
    ]);

    const later = await health(alice, account.id).expect(200);
    expect(later.body.lastCheck).toEqual(response.body.lastCheck);
    expect(later.body).not.toHaveProperty('live');
  });

  it('refreshes once and retries once when eBay refuses the access token, and reports the account healthy', async () => {
    const account = await connectAccount(t, alice, { ebayUser: 'seller_two' });
    await health(alice, account.id, { live: 'true' }).expect(200);
    await control.invalidateAccessTokens('seller_two');
    const before = await calls();

    const response = await health(alice, account.id, { live: 'true' }).expect(200);

    expect(response.body.live).toMatchObject({ isHealthy: true, httpStatus: 200 });
    expect(await since(before)).toEqual({ identity: 2, refreshes: 1 });
    expect(response.body.status).toBe('active');
    expect(new Date(response.body.lastRefreshedAt).getTime()).toBeGreaterThanOrEqual(new Date(response.body.live.checkedAt).getTime());
  });

  it('answers 200 unhealthy with reauth_required when eBay revoked the consent, records it, then stops calling eBay', async () => {
    const account = await connectAccount(t, alice, { ebayUser: 'seller_three' });
    await control.revokeRefreshTokens('seller_three');
    await control.invalidateAccessTokens('seller_three');
    const before = await calls();

    const response = await health(alice, account.id, { live: 'true' }).expect(200);

    expect(response.body).toMatchObject({
      status: 'reauth_required',
      refreshError: expect.stringContaining('invalid_grant'),
      live: { isHealthy: false, httpStatus: null, errorCode: 'reauth_required', errorMessage: expect.stringMatching(/reconnect/) },
    });
    expect(await since(before)).toEqual({ identity: 1, refreshes: 1 });

    const again = await health(alice, account.id, { live: 'true' }).expect(200);
    expect(again.body.live).toMatchObject({ isHealthy: false, errorCode: 'reauth_required' });
    expect(await since(before)).toEqual({ identity: 1, refreshes: 1 });
    expect((await eventRows(account.id)).map((row) => row.error_code)).toEqual(['reauth_required', 'reauth_required']);
  });

  it('reports eBay’s 500 as unhealthy with its status after the client’s retries, and records it', async () => {
    const carol = await registerAndLogin(t.http);
    const account = await connectAccount(t, carol, { ebayUser: 'seller_one' });
    await control.addFault({ endpoint: 'identity', mode: 'status', status: 500, count: 10 });
    const before = await calls();

    const response = await health(carol, account.id, { live: 'true' }).expect(200);

    expect(response.body.live).toMatchObject({ isHealthy: false, httpStatus: 500, errorCode: expect.stringMatching(/^ebay_/) });
    expect(response.body.live.errorMessage).toContain('HTTP 500');
    // One call and three retries with backoff; the token was fine, so no refresh.
    expect(await since(before)).toEqual({ identity: 4, refreshes: 0 });
    expect(await eventRows(account.id)).toEqual([expect.objectContaining({ is_healthy: false, http_status: 500 })]);
    expect(response.body.lastCheck).toMatchObject({ isHealthy: false, httpStatus: 500 });
  });

  it('neither calls eBay nor records anything for a disconnected account', async () => {
    const account = await connectAccount(t, bob, { ebayUser: 'seller_quiet' });
    await t.http.delete(`/api/ebay-accounts/${account.id}`).set(bob.auth).expect(200);
    const before = await calls();

    const response = await health(bob, account.id, { live: 'true' }).expect(200);

    expect(response.body).toMatchObject({
      status: 'disconnected',
      tokenExpiresAt: null,
      expiresInSeconds: null,
      lastCheck: null,
      live: { isHealthy: false, httpStatus: null, errorCode: 'not_connected', responseTimeMs: null },
    });
    expect(await since(before)).toEqual({ identity: 0, refreshes: 0 });
    expect(await eventRows(account.id)).toEqual([]);
  });

  it('pages the history newest first, by offset and by cursor', async () => {
    const account = await connectAccount(t, bob, { ebayUser: 'seller_two' });
    await control.addFault({ endpoint: 'identity', mode: 'status', status: 400, count: 1 });
    for (let i = 0; i < 5; i++) await health(bob, account.id, { live: 'true' }).expect(200);
    const newestFirst = (await eventRows(account.id)).map((row) => row.id);
    expect(newestFirst).toHaveLength(5);
    const events = (query: Record<string, string | number>) =>
      t.http.get(`/api/ebay-accounts/${account.id}/health/events`).query(query).set(bob.auth).expect(200);

    const first = await events({ limit: 2 });
    expect(first.body).toMatchObject({ total: 5, limit: 2, offset: 0, nextCursor: expect.any(String) });
    const walked: string[] = first.body.items.map((item: { id: string }) => item.id);
    let cursor: string | null = first.body.nextCursor;
    while (cursor !== null) {
      const page = await events({ limit: 2, after: cursor });
      expect(page.body.total).toBeNull();
      walked.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    }
    expect(walked).toEqual(newestFirst);
    const byOffset = await events({ limit: 2, offset: 2 });
    expect(byOffset.body.items.map((item: { id: string }) => item.id)).toEqual(newestFirst.slice(2, 4));
    // The oldest: eBay refused the first call with a 400, which is not retried.
    expect((await events({ limit: 1, offset: 4 })).body.items).toEqual([
      expect.objectContaining({ isHealthy: false, httpStatus: 400, errorCode: expect.stringMatching(/^ebay_/) }),
    ]);
    expect((await events({ offset: 9 })).body).toMatchObject({ items: [], total: 5, nextCursor: null });

    const bad = await t.http.get(`/api/ebay-accounts/${account.id}/health/events`).query({ after: 'nonsense' }).set(bob.auth).expect(400);
    expect(bad.body.code).toBe('invalid_cursor');
    const both = await t.http
      .get(`/api/ebay-accounts/${account.id}/health/events`)
      .query({ after: first.body.nextCursor, offset: 1 })
      .set(bob.auth)
      .expect(400);
    expect(both.body.code).toBe('cursor_with_offset');
  });

  it('answers 404 on both routes for another organisation’s account, without calling eBay; administrators see it', async () => {
    const dave = await registerAndLogin(t.http);
    const account = await connectAccount(t, dave, { ebayUser: 'seller_one' });
    await health(dave, account.id, { live: 'true' }).expect(200);
    const before = await calls();

    await health(bob, account.id).expect(404);
    await health(bob, account.id, { live: 'true' }).expect(404);
    await t.http.get(`/api/ebay-accounts/${account.id}/health/events`).set(bob.auth).expect(404);
    expect(await since(before)).toEqual({ identity: 0, refreshes: 0 });

    expect((await health(admin, account.id).expect(200)).body.accountId).toBe(account.id);
    expect((await t.http.get(`/api/ebay-accounts/${account.id}/health/events`).set(admin.auth).expect(200)).body.total).toBe(1);
    await health(dave, '6f1c2f0e-2b7d-4f0e-9a51-0d4f1f6b1c2a').expect(404);
    await health(dave, 'not-a-uuid').expect(400);
    await health(dave, account.id, { live: 'yes' }).expect(400);
    await t.http.get(`/api/ebay-accounts/${account.id}/health`).expect(401);
  });

  describe('the periodic round, in this process', () => {
    let scheduler: HealthCheckRoundScheduler;

    async function activeAccounts(): Promise<{ id: string; token_status: string }[]> {
      const result = await withDatabase(t.database.url, (client) =>
        client.query(
          `SELECT a.id, t.status AS token_status FROM ebay_accounts a JOIN ebay_tokens t ON t.ebay_account_id = a.id
            WHERE a.is_active ORDER BY a.id`,
        ),
      );
      return result.rows as { id: string; token_status: string }[];
    }

    beforeAll(() => {
      scheduler = t.app.get(HealthCheckRoundScheduler);
    });

    it('checks every active account once, records those needing a reconnect, skips the disconnected, and never twice', async () => {
      const active = await activeAccounts();
      const connected = active.filter((account) => account.token_status === 'active');
      expect(connected.length).toBeGreaterThan(0);
      expect(active.length).toBeGreaterThan(connected.length);
      const scheduledAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      const before = await calls();

      const first = await scheduler.runRound(scheduledAt);

      expect(first).toMatchObject({ healthy: connected.length, unhealthy: active.length - connected.length, skipped: 0, lost: 0, failed: 0 });
      expect((await since(before)).identity).toBe(connected.length);
      const claims = await withDatabase(t.database.url, (client) =>
        client.query(
          `SELECT c.ebay_account_id, c.checked_at, e.is_healthy, e.error_code FROM ebay_health_check_claims c
             LEFT JOIN ebay_health_events e ON e.id = c.event_id WHERE c.round_id = $1 ORDER BY c.ebay_account_id`,
          [first.roundId],
        ),
      );
      expect(claims.rows.map((row) => row.ebay_account_id)).toEqual(active.map((account) => account.id));
      for (const row of claims.rows) {
        const isConnected = connected.some((account) => account.id === row.ebay_account_id);
        expect(row).toMatchObject({
          checked_at: expect.any(Date),
          is_healthy: isConnected,
          error_code: isConnected ? null : 'reauth_required',
        });
      }

      // Another replica reaching the same run later finds nothing left to check.
      const again = await scheduler.runRound(scheduledAt);
      expect(again).toMatchObject({ roundId: first.roundId, healthy: 0, unhealthy: 0, skipped: 0 });
      expect((await since(before)).identity).toBe(connected.length);
      const round = await withDatabase(t.database.url, (client) =>
        client.query('SELECT account_count, finished_at FROM ebay_health_check_rounds WHERE id = $1', [first.roundId]),
      );
      expect(round.rows[0]).toEqual({ account_count: active.length, finished_at: expect.any(Date) });
    });

    it('skips an account disconnected after the round began, recording nothing for it', async () => {
      const account = await connectAccount(t, bob, { ebayUser: 'seller_one' });
      const scheduledAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
      // The round is made with the account in it, as if another replica had begun it a moment ago.
      const roundRows = await withDatabase(t.database.url, async (client) => {
        const inserted = await client.query(
          `INSERT INTO ebay_health_check_rounds (scheduled_at, started_by, account_count) VALUES ($1, 'elsewhere:1', 1) RETURNING id`,
          [scheduledAt],
        );
        await client.query(`INSERT INTO ebay_health_check_claims (round_id, ebay_account_id) VALUES ($1, $2)`, [inserted.rows[0].id, account.id]);
        return inserted.rows;
      });
      await t.http.delete(`/api/ebay-accounts/${account.id}`).set(bob.auth).expect(200);
      const eventsBefore = (await eventRows(account.id)).length;

      const report = await scheduler.runRound(scheduledAt);

      expect(report).toMatchObject({ roundId: roundRows[0].id, healthy: 0, unhealthy: 0, skipped: 1 });
      expect(await eventRows(account.id)).toHaveLength(eventsBefore);
    });

    it('prunes events past HEALTH_EVENTS_RETENTION_DAYS and rounds past a week, and nothing newer, when a round begins', async () => {
      const account = await connectAccount(t, bob, { ebayUser: 'seller_three' });
      const now = Date.now();
      const ages = [120, 91, 90.01, 89, 30, 1];
      await withDatabase(t.database.url, async (client) => {
        for (const days of ages) {
          await client.query(`INSERT INTO ebay_health_events (ebay_account_id, checked_at, is_healthy) VALUES ($1, $2, true)`, [
            account.id,
            new Date(now - days * DAY_MS),
          ]);
        }
        await client.query(
          `INSERT INTO ebay_health_check_rounds (scheduled_at, started_by, account_count) VALUES ($1, 'old:1', 0), ($2, 'recent:1', 0)`,
          [new Date(now - 8 * DAY_MS), new Date(now - 6 * DAY_MS)],
        );
      });

      await scheduler.runRound(new Date(Math.floor(now / 1000) * 1000 + 2 * 3_600_000));

      const kept = (await eventRows(account.id)).map((row) => Math.max(0, Math.round((now - row.checked_at.getTime()) / DAY_MS)));
      // The round's own check (today), then the 89-, 30- and 1-day-old ones.
      expect(kept).toEqual([0, 1, 30, 89]);
      const rounds = await withDatabase(t.database.url, (client) =>
        client.query(`SELECT started_by FROM ebay_health_check_rounds WHERE started_by IN ('old:1', 'recent:1')`),
      );
      expect(rounds.rows).toEqual([{ started_by: 'recent:1' }]);
    });
  });

  it('never writes a token into an event or a log line', async () => {
    const events = await withDatabase(t.database.url, (client) => client.query('SELECT * FROM ebay_health_events'));
    expect(events.rows.length).toBeGreaterThan(10);
    expect(JSON.stringify(events.rows)).not.toMatch(TOKEN_SHAPE);
    expect(t.logs.text).not.toMatch(TOKEN_SHAPE);
    expect(t.logs.lines.some((line) => line.msg === 'Checked accounts’ health')).toBe(true);
  });
});
