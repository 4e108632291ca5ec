import { quotaDay } from '../src/tokens/quota-day';
import type { RunningEmulator } from '../src/emulator';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

describe('GET /api/admin/overview', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  let admin: SignedInUser;
  let member: SignedInUser;

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    t = await startConnectedApp(emulator);
    admin = await registerAndLogin(t.http); // the first user is an administrator
    member = await registerAndLogin(t.http);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it('is for administrators only', async () => {
    await t.http.get('/api/admin/overview').expect(401);
    const refused = await t.http.get('/api/admin/overview').set(member.auth).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, message: 'Administrators only' });
  });

  it('counts accounts by status, tokens by state, the refresher’s runs, the day’s grants and the last health round', async () => {
    const one = await connectAccount(t, admin, { ebayUser: 'seller_one' });
    const two = await connectAccount(t, member, { ebayUser: 'seller_two' });
    const three = await connectAccount(t, member, { ebayUser: 'seller_three' });
    await t.http.delete(`/api/ebay-accounts/${three.id}`).set(member.auth).expect(200);
    await control.revokeRefreshTokens('seller_two');
    await t.http.post(`/api/ebay-accounts/${two.id}/refresh-token`).set(member.auth).expect(409);
    await withDatabase(t.database.url, async (client) => {
      await client.query(`UPDATE ebay_tokens SET expires_at = now() + interval '10 minutes' WHERE ebay_account_id = $1`, [one.id]);
      await client.query(
        `INSERT INTO token_refresh_runs (replica, started_at, finished_at, claimed, refreshed, failed)
         VALUES ('pod-a:7', now() - interval '2 minutes', now() - interval '1 minute', 5, 4, 1)`,
      );
    });

    const { body } = await t.http.get('/api/admin/overview').set(admin.auth).expect(200);

    expect(body.accounts).toEqual({ active: 1, reauthRequired: 1, disconnected: 1, deleted: 0 });
    expect(body.tokens).toMatchObject({ expiringWithinHorizon: 1, refreshHorizonSeconds: 900, failingLast24h: 1 });
    expect(body.refresher).toMatchObject({
      working: true,
      lastRun: { replica: 'pod-a:7', claimed: 5, refreshed: 4, failed: 1, stoppedBy: null },
      last24h: { runs: 1, claimed: 5, refreshed: 4, failed: 1 },
    });
    expect(body.quota).toMatchObject({
      day: quotaDay(new Date()),
      refreshGrants: 1,
      refreshGrantLimit: 50_000,
      authorizationCodeGrants: 3,
      warning: false,
      usedUp: false,
    });
    expect(body.lastHealthRound).toBeUndefined();

    // A finished round of periodic checks: one account healthy, one needing a reconnect.
    await withDatabase(t.database.url, async (client) => {
      const {
        rows: [round],
      } = await client.query(
        `INSERT INTO ebay_health_check_rounds (scheduled_at, started_by, account_count, finished_at)
         VALUES (now() - interval '1 hour', 'pod-a:7', 2, now() - interval '59 minutes') RETURNING id`,
      );
      for (const [accountId, healthy, code] of [
        [one.id, true, null],
        [two.id, false, 'reauth_required'],
      ] as const) {
        const {
          rows: [event],
        } = await client.query(
          `INSERT INTO ebay_health_events (ebay_account_id, is_healthy, error_code) VALUES ($1, $2, $3) RETURNING id`,
          [accountId, healthy, code],
        );
        await client.query(
          `INSERT INTO ebay_health_check_claims (round_id, ebay_account_id, checked_at, event_id) VALUES ($1, $2, now(), $3)`,
          [round.id, accountId, event.id],
        );
      }
    });

    const after = await t.http.get('/api/admin/overview').set(admin.auth).expect(200);
    expect(after.body.lastHealthRound).toMatchObject({
      checked: 2,
      unhealthy: 1,
      unhealthyAccounts: [{ accountId: two.id, errorCode: 'reauth_required' }],
    });
  });
});
