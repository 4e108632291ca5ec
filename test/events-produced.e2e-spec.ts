import type { RunningEmulator } from '../src/emulator';
import { HealthCheckRoundScheduler } from '../src/health/health-check-round.scheduler';
import { GrantCounter } from '../src/tokens/grant-counter';
import { quotaDay } from '../src/tokens/quota-day';
import { TokenRefreshScheduler } from '../src/tokens/token-refresh.scheduler';
import { TokenService } from '../src/tokens/token.service';
import { TokenRefreshUnavailableError } from '../src/tokens/tokens.errors';
import { connectAccount, consent, ebayEnv, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import { freePort } from './support/service-process';
import { startTestApp, type TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

const DELETION_TOKEN = 'events-test_verification-token-0123456789';
const DELETION_PATH = '/api/ebay/notifications/account-deletion';
const DAILY_REFRESH_GRANT_LIMIT = 1000;

interface ListedEvent {
  readonly id: string;
  readonly type: string;
  readonly timestamp: string;
  readonly orgId: string | null;
  readonly accountId: string | null;
  readonly data: Record<string, unknown>;
}

/**
 * Every event type the service reports, produced by its real cause against the emulated eBay
 * over HTTP and read back through GET /api/events: what each carries, who sees it, and that
 * it is written in the transaction of its change (none without the change, one per change).
 */
describe('events produced by their causes', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  /** A second replica on the same database, for what two replicas do at once. */
  let replica: TestApp;
  let admin: SignedInUser;
  let orgA: SignedInUser;
  let orgB: SignedInUser;
  let deletionUrl: string;

  const sql = (text: string, values: unknown[] = []) => withDatabase(t.database.url, (client) => client.query(text, values));

  /** Every event the user may read, oldest first, filtered as GET /api/events filters. */
  async function eventsOf(user: SignedInUser, query: Record<string, string> = {}): Promise<ListedEvent[]> {
    const events: ListedEvent[] = [];
    let after: string | undefined;
    for (;;) {
      const response = await t.http
        .get('/api/events')
        .query({ ...query, limit: '500', ...(after === undefined ? {} : { after }) })
        .set(user.auth)
        .expect(200);
      events.push(...(response.body.items as ListedEvent[]));
      after = response.body.nextAfter ?? undefined;
      if (after === undefined) return events;
    }
  }

  const accountEvents = (user: SignedInUser, accountId: string, types?: string) =>
    eventsOf(user, { accountId, ...(types === undefined ? {} : { types }) });

  /** A fresh eBay test user, so each test has accounts of its own. */
  async function seller(username: string, orderCount = 0): Promise<string> {
    await control.addUser({ username, orderCount });
    return username;
  }

  async function ebayUserIdOf(username: string): Promise<string> {
    return (await control.users()).find((user) => user.username === username)!.userId;
  }

  const refresh = (app: TestApp, user: SignedInUser, accountId: string) =>
    app.http.post(`/api/ebay-accounts/${accountId}/refresh-token`).set(user.auth);

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    const port = await freePort();
    deletionUrl = `http://127.0.0.1:${port}${DELETION_PATH}`;
    const env = { EBAY_DAILY_REFRESH_GRANT_LIMIT: String(DAILY_REFRESH_GRANT_LIMIT) };
    t = await startConnectedApp(emulator, {
      port,
      env: { ...env, EBAY_DELETION_VERIFICATION_TOKEN: DELETION_TOKEN, EBAY_DELETION_ENDPOINT_URL: deletionUrl },
    });
    // Not startConnectedApp: the RuName keeps sending consents back to the first replica.
    replica = await startTestApp({ database: t.database, env: { ...ebayEnv(emulator), ...env } });
    // The first user to register is the administrator.
    admin = await registerAndLogin(t.http);
    orgA = await registerAndLogin(t.http);
    orgB = await registerAndLogin(t.http);
  });
  afterAll(async () => {
    await replica?.close();
    await t?.close();
    await emulator?.close();
  });
  afterEach(async () => {
    await control.clearFaults();
    await control.setLatency(0);
  });

  it('reports a first connect, a disconnect and a reconnect, each naming the account, in that order', async () => {
    const username = await seller('ev_connect');
    const account = await connectAccount(t, orgA, { ebayUser: username, query: { purpose: 'SELLING', marketplaceId: 'EBAY_GB' } });
    // A run of failures was announced; a disconnect and a new consent each end it.
    await sql(`UPDATE ebay_tokens SET refresh_failing_since = now() WHERE ebay_account_id = $1`, [account.id]);
    await t.http.delete(`/api/ebay-accounts/${account.id}`).set(orgA.auth).expect(200);
    const afterDisconnect = await sql(`SELECT refresh_failing_since FROM ebay_tokens WHERE ebay_account_id = $1`, [account.id]);
    await sql(`UPDATE ebay_tokens SET refresh_failing_since = now() WHERE ebay_account_id = $1`, [account.id]);
    // A second disconnect changes nothing and says nothing.
    await t.http.delete(`/api/ebay-accounts/${account.id}`).set(orgA.auth).expect(200);
    await connectAccount(t, orgA, { ebayUser: username });

    const events = await accountEvents(orgA, account.id);

    const names = { accountId: account.id, houseName: `Account-${username}`, ebayUserId: await ebayUserIdOf(username) };
    expect(events.map((event) => [event.type, event.orgId, event.accountId])).toEqual([
      ['account.connected', orgA.id, account.id],
      ['account.disconnected', orgA.id, account.id],
      ['account.reconnected', orgA.id, account.id],
    ]);
    expect(events[0].data).toEqual({ ...names, marketplaceId: 'EBAY_GB', purpose: 'SELLING' });
    expect(events[1].data).toEqual(names);
    expect(events[2].data).toEqual({ ...names, marketplaceId: 'EBAY_GB', purpose: 'SELLING' });
    expect(afterDisconnect.rows[0].refresh_failing_since).toBeNull();
    const afterReconnect = await sql(`SELECT refresh_failing_since FROM ebay_tokens WHERE ebay_account_id = $1`, [account.id]);
    expect(afterReconnect.rows[0].refresh_failing_since).toBeNull();
  });

  it('leaves no account.connected when the connect rolls back on the house name taken meanwhile', async () => {
    const [first, second] = [await seller('ev_clash_one'), await seller('ev_clash_two')];
    const before = (await eventsOf(orgA, { types: 'account.connected' })).length;
    // Both pass the check at the start; the second meets the unique index inside its transaction.
    const winner = await consent(t, orgA, { ebayUser: first, query: { houseName: 'Clash' } });
    const loser = await consent(t, orgA, { ebayUser: second, query: { houseName: 'CLASH' } });
    const connected = (await t.http.get(winner.callbackPath).expect(200)).body as { id: string };
    expect((await t.http.get(loser.callbackPath).expect(409)).body.code).toBe('house_name_taken');

    const events = await eventsOf(orgA, { types: 'account.connected' });

    expect(events).toHaveLength(before + 1);
    expect(events[events.length - 1]).toMatchObject({ accountId: connected.id, data: { houseName: 'Clash' } });
    const secondUserId = await ebayUserIdOf(second);
    expect((await eventsOf(admin)).filter((event) => event.data.ebayUserId === secondUserId)).toEqual([]);
  });

  it('reports account.reauth_required with eBay’s reason when eBay refuses the refresh token, once', async () => {
    const username = await seller('ev_revoked');
    const account = await connectAccount(t, orgA, { ebayUser: username });
    await control.revokeRefreshTokens(username);

    expect((await refresh(t, orgA, account.id).expect(409)).body.code).toBe('reauth_required');
    // No refresh is tried any more, so nothing is reported again.
    await refresh(t, orgA, account.id).expect(409);

    const events = await accountEvents(orgA, account.id, 'account.reauth_required');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      orgId: orgA.id,
      data: { accountId: account.id, houseName: `Account-${username}`, ebayUserId: await ebayUserIdOf(username), reason: 'invalid_grant' },
    });
  });

  it('reports account.reauth_required when a call meets eBay’s 401 and the refresh token is refused, then the unhealthy check', async () => {
    const username = await seller('ev_revoked_call');
    const account = await connectAccount(t, orgA, { ebayUser: username });
    await control.revokeRefreshTokens(username);
    await control.invalidateAccessTokens(username);

    const health = await t.http.get(`/api/ebay-accounts/${account.id}/health`).query({ live: 'true' }).set(orgA.auth).expect(200);

    expect(health.body.live).toMatchObject({ isHealthy: false, errorCode: 'reauth_required' });
    const events = await accountEvents(orgA, account.id, 'account.reauth_required,account.health_changed');
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['account.reauth_required', expect.objectContaining({ accountId: account.id, reason: 'invalid_grant' })],
      [
        'account.health_changed',
        expect.objectContaining({ isHealthy: false, previousIsHealthy: true, errorCode: 'reauth_required', httpStatus: null }),
      ],
    ]);
  });

  it('reports a run of failed refreshes once the token nears its end, and its recovery once though two replicas race', async () => {
    const username = await seller('ev_failing');
    const account = await connectAccount(t, orgA, { ebayUser: username });
    const failing = () => accountEvents(orgA, account.id, 'account.refresh_failing');

    // Two failures in a row while the token has most of its two hours left: nothing to tell.
    await control.addFault({ endpoint: 'token', grantType: 'refresh_token', mode: 'status', status: 503, count: 2 });
    await refresh(t, orgA, account.id).expect(503);
    await refresh(t, orgA, account.id).expect(503);
    expect(await failing()).toEqual([]);

    // The third, by the background refresher, with five minutes left: announced.
    const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 300_000);
    await sql(`UPDATE ebay_tokens SET expires_at = $2, next_refresh_at = now() - interval '1 second' WHERE ebay_account_id = $1`, [
      account.id,
      expiresAt,
    ]);
    await control.addFault({ endpoint: 'token', grantType: 'refresh_token', mode: 'status', status: 503, count: 1 });
    expect(await t.app.get(TokenRefreshScheduler).runOnce()).toMatchObject({ failed: 1 });
    const announced = await failing();
    expect(announced).toHaveLength(1);
    expect(announced[0]).toMatchObject({
      orgId: orgA.id,
      data: {
        accountId: account.id,
        houseName: `Account-${username}`,
        ebayUserId: await ebayUserIdOf(username),
        reason: 'temporarily_unavailable',
        failures: 3,
        expiresAt: expiresAt.toISOString(),
      },
    });
    const [marked] = (await sql(`SELECT refresh_failing_since FROM ebay_tokens WHERE ebay_account_id = $1`, [account.id])).rows;
    expect(marked.refresh_failing_since).toBeInstanceOf(Date);

    // The run goes on: no second announcement.
    await control.addFault({ endpoint: 'token', grantType: 'refresh_token', mode: 'status', status: 503, count: 1 });
    await expect(t.app.get(TokenService).forceRefresh(account.id)).rejects.toBeInstanceOf(TokenRefreshUnavailableError);
    expect(await failing()).toHaveLength(1);

    // eBay is back, and both replicas are asked to refresh at once.
    await control.setLatency(300);
    const [here, there] = await Promise.all([refresh(t, orgA, account.id), refresh(replica, orgA, account.id)]);

    expect([here.status, there.status]).toEqual([200, 200]);
    const recovered = await accountEvents(orgA, account.id, 'account.recovered');
    expect(recovered).toHaveLength(1);
    const [stored] = (await sql(`SELECT expires_at, refresh_failing_since FROM ebay_tokens WHERE ebay_account_id = $1`, [account.id]))
      .rows;
    expect(stored.refresh_failing_since).toBeNull();
    expect(recovered[0].data).toEqual({
      accountId: account.id,
      houseName: `Account-${username}`,
      ebayUserId: await ebayUserIdOf(username),
      expiresAt: (stored.expires_at as Date).toISOString(),
    });
    expect(new Date(recovered[0].timestamp).getTime()).toBeGreaterThan(new Date(announced[0].timestamp).getTime());
  });

  it('reports account.health_changed when a recorded check turns, live or in the round, and not while it stays', async () => {
    const username = await seller('ev_health');
    const account = await connectAccount(t, orgA, { ebayUser: username });
    const live = () => t.http.get(`/api/ebay-accounts/${account.id}/health`).query({ live: 'true' }).set(orgA.auth).expect(200);
    const changes = () => accountEvents(orgA, account.id, 'account.health_changed');

    // Healthy, as an account never checked counts.
    await live();
    expect(await changes()).toEqual([]);
    // eBay fails the check and every retry of it, twice.
    await control.addFault({ endpoint: 'identity', mode: 'status', status: 500, count: 8 });
    expect((await live()).body.live).toMatchObject({ isHealthy: false, httpStatus: 500 });
    expect((await live()).body.live).toMatchObject({ isHealthy: false, httpStatus: 500 });
    await control.clearFaults();
    const round = await t.app.get(HealthCheckRoundScheduler).runRound(new Date(Math.floor(Date.now() / 1000) * 1000));
    expect(round.failed).toBe(0);

    const events = await changes();
    const names = { accountId: account.id, houseName: `Account-${username}`, ebayUserId: await ebayUserIdOf(username) };
    expect(events.map((event) => event.data)).toEqual([
      { ...names, isHealthy: false, previousIsHealthy: true, errorCode: 'ebay_error_2003', httpStatus: 500 },
      { ...names, isHealthy: true, previousIsHealthy: false, errorCode: null, httpStatus: 200 },
    ]);
  });

  it('reports one sync.completed per run however many pages it read, and sync.failed with the error’s code', async () => {
    const username = await seller('ev_sync', 450);
    const account = await connectAccount(t, orgA, { ebayUser: username });
    const names = { accountId: account.id, houseName: `Account-${username}`, ebayUserId: await ebayUserIdOf(username) };

    const run = await t.http.post(`/api/ebay-accounts/${account.id}/sync/orders`).set(orgA.auth).expect(200);
    expect(run.body.ebayCalls).toBeGreaterThan(1);
    await control.addFault({ endpoint: 'orders', mode: 'status', status: 500, count: 4 });
    await t.http.post(`/api/ebay-accounts/${account.id}/sync/orders`).set(orgA.auth).expect(503);

    const events = await accountEvents(orgA, account.id, 'sync.completed,sync.failed');
    expect(events.map((event) => [event.type, event.data])).toEqual([
      [
        'sync.completed',
        { ...names, resource: 'orders', fetched: run.body.fetched, upserted: run.body.upserted, complete: true, trigger: 'manual' },
      ],
      ['sync.failed', { ...names, resource: 'orders', errorCode: 'ebay_error_2003', fetched: 0, upserted: 0 }],
    ]);
  });

  it('reports account.deleted for each organisation’s account of a user eBay reports deleted, to that organisation only', async () => {
    await control.registerAccountDeletionEndpoint({ endpointUrl: deletionUrl, verificationToken: DELETION_TOKEN });
    const username = await seller('ev_deleted');
    const inA = await connectAccount(t, orgA, { ebayUser: username });
    const inB = await connectAccount(t, orgB, { ebayUser: username, query: { houseName: 'Main store' } });
    const ebayUserId = await ebayUserIdOf(username);

    expect((await control.sendAccountDeletion({ username })).status).toBe(204);
    // eBay resends: nothing is left to erase, and nothing is reported again.
    expect((await control.sendAccountDeletion({ username })).status).toBe(204);

    const seenByA = await eventsOf(orgA, { types: 'account.deleted' });
    const seenByB = await eventsOf(orgB, { types: 'account.deleted' });
    expect(seenByA.map((event) => [event.orgId, event.data])).toEqual([
      [orgA.id, { accountId: inA.id, houseName: `Deleted-${inA.id.slice(0, 8)}`, ebayUserId }],
    ]);
    expect(seenByB.map((event) => [event.orgId, event.data])).toEqual([[orgB.id, { accountId: inB.id, houseName: 'Main store', ebayUserId }]]);
  });

  it('reports quota.warning to every organisation once per quota day and level, whichever replica sees it', async () => {
    const counter = t.app.get(GrantCounter);
    const other = replica.app.get(GrantCounter);
    const day = quotaDay(new Date());
    const setGrants = (grants: number) =>
      sql(
        `INSERT INTO ebay_grant_counts (quota_day, grant_type, grants) VALUES ($1, 'refresh_token', $2)
         ON CONFLICT (quota_day, grant_type) DO UPDATE SET grants = $2`,
        [day, grants],
      );
    await Promise.all([counter.flush(), other.flush()]);
    expect(await eventsOf(admin, { types: 'quota.warning' })).toEqual([]);

    await setGrants(DAILY_REFRESH_GRANT_LIMIT * 0.8);
    await counter.flush();
    await other.flush();
    await counter.flush();
    await setGrants(DAILY_REFRESH_GRANT_LIMIT);
    await Promise.all([counter.flush(), other.flush(), counter.flush(), other.flush()]);

    const warnings = await eventsOf(admin, { types: 'quota.warning' });
    expect(warnings.map((event) => [event.orgId, event.accountId, event.data])).toEqual([
      [null, null, { percent: 80, grants: 800, limit: DAILY_REFRESH_GRANT_LIMIT, quotaDay: day }],
      [null, null, { percent: 100, grants: DAILY_REFRESH_GRANT_LIMIT, limit: DAILY_REFRESH_GRANT_LIMIT, quotaDay: day }],
    ]);
    expect(await eventsOf(orgA, { types: 'quota.warning' })).toEqual(warnings);
    expect(await eventsOf(orgB, { types: 'quota.warning' })).toEqual(warnings);
    // Each replica still logs its own warnings.
    expect(t.logs.text).toMatch(/Over 80 % of eBay's daily refresh grants are used/);
  });

  it('shows each organisation only its own events and those for every organisation, and never a token or an e-mail', async () => {
    const everything = await eventsOf(admin);
    const seenByA = await eventsOf(orgA);
    const seenByB = await eventsOf(orgB);

    expect(new Set(everything.map((event) => event.type))).toEqual(
      new Set([
        'account.connected',
        'account.reconnected',
        'account.reauth_required',
        'account.refresh_failing',
        'account.recovered',
        'account.disconnected',
        'account.deleted',
        'account.health_changed',
        'sync.completed',
        'sync.failed',
        'quota.warning',
      ]),
    );
    const idsOf = (events: ListedEvent[]) => events.map((event) => event.id);
    const visibleTo = (orgId: string) => everything.filter((event) => event.orgId === orgId || event.orgId === null);
    expect(idsOf(seenByA)).toEqual(idsOf(visibleTo(orgA.id)));
    expect(idsOf(seenByB)).toEqual(idsOf(visibleTo(orgB.id)));
    expect(seenByA.filter((event) => event.orgId === orgA.id).length).toBeGreaterThan(10);
    expect(seenByB.some((event) => event.orgId === orgA.id)).toBe(false);
    expect(seenByB.filter((event) => event.orgId === null)).toHaveLength(2);
    for (const event of everything.filter((each) => each.type.startsWith('account.'))) {
      expect(event.data).toMatchObject({ accountId: event.accountId, houseName: expect.any(String), ebayUserId: expect.any(String) });
    }

    const text = JSON.stringify(everything);
    // The emulator's tokens and codes all begin so (src/emulator/token-strings.ts).
    expect(text).not.toContain('v^1.1#');
    for (const user of [admin, orgA, orgB]) expect(text).not.toContain(user.email);
    expect(text).not.toMatch(/"(username|email|accessToken|refreshToken|access_token|refresh_token|password)"/i);
    const stored = await sql(`SELECT access_token, refresh_token FROM ebay_tokens WHERE refresh_token IS NOT NULL`);
    for (const row of stored.rows as { access_token: string; refresh_token: string }[]) {
      expect(text).not.toContain(row.access_token.slice(-24));
      expect(text).not.toContain(row.refresh_token.slice(-24));
    }
  });
});
