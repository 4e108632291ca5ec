import type { RunningEmulator } from '../src/emulator';
import { GrantCounter } from '../src/tokens/grant-counter';
import { quotaDay } from '../src/tokens/quota-day';
import { TokenRefreshScheduler } from '../src/tokens/token-refresh.scheduler';
import { TokenService } from '../src/tokens/token.service';
import { TokenUseMarker } from '../src/tokens/token-use-marker';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

const SELLERS = ['seller_one', 'seller_two', 'seller_three', 'seller_quiet'];
const DAILY_LIMIT = 5;

/** The refresher within eBay's daily quota, and the active policy's warm window. */
describe('the refresher within eBay’s quota', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  let user: SignedInUser;
  let ids: string[];

  const refreshGrants = async (): Promise<number> => (await control.stats()).tokenGrants.refresh_token;
  const sql = (text: string, values: unknown[] = []) => withDatabase(t.database.url, (client) => client.query(text, values));
  /** Valid for five more minutes and due now. */
  const makeDue = (accountIds: readonly string[]) =>
    sql(
      `UPDATE ebay_tokens SET expires_at = now() + interval '5 minutes', next_refresh_at = now() - interval '1 second'
        WHERE ebay_account_id = ANY($1::uuid[])`,
      [accountIds],
    );
  const refreshedIds = async (): Promise<string[]> =>
    (await sql(`SELECT ebay_account_id FROM ebay_tokens WHERE expires_at > now() + interval '1 hour' ORDER BY 1`)).rows.map(
      (row: { ebay_account_id: string }) => row.ebay_account_id,
    );
  const todaysRefreshGrants = async (): Promise<number> =>
    (await sql(`SELECT grants FROM ebay_grant_counts WHERE quota_day = $1 AND grant_type = 'refresh_token'`, [quotaDay(new Date())]))
      .rows[0]?.grants ?? 0;

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    t = await startConnectedApp(emulator, { env: { EBAY_DAILY_REFRESH_GRANT_LIMIT: String(DAILY_LIMIT) } });
    user = await registerAndLogin(t.http);
    ids = [];
    for (const ebayUser of SELLERS) ids.push((await connectAccount(t, user, { ebayUser })).id);
  });
  afterAll(async () => {
    // Counted but not yet written when the app stops: the shutdown writes it.
    t.app.get(GrantCounter).count('refresh_token');
    const logs = t.logs;
    await t.close();
    await emulator.close();
    expect(logs.text).not.toMatch(/Could not (write grant counts|record the use)/);
  });

  it('counts the connects’ code grants and each refresh in PostgreSQL, for every replica to see', async () => {
    await t.app.get(GrantCounter).flush();
    const [row] = (await sql(`SELECT grants FROM ebay_grant_counts WHERE quota_day = $1 AND grant_type = 'authorization_code'`, [
      quotaDay(new Date()),
    ])).rows;
    expect(row.grants).toBe(SELLERS.length);
  });

  it('joins a run already going instead of starting a second one (a tick that comes while a run lasts)', async () => {
    await makeDue(ids.slice(2, 4));
    const runsBefore = (await sql(`SELECT count(*)::int AS n FROM token_refresh_runs`)).rows[0].n as number;
    const scheduler = t.app.get(TokenRefreshScheduler);

    const [first, second] = await Promise.all([scheduler.runOnce(), scheduler.runOnce()]);

    expect(second).toBe(first);
    expect(first.claimed).toBe(2);
    expect((await sql(`SELECT count(*)::int AS n FROM token_refresh_runs`)).rows[0].n).toBe(runsBefore + 1);
  });

  it('keeps warm only accounts used within the window; an idle one refreshes at its next use', async () => {
    const [used, idle] = ids;
    await sql(`UPDATE ebay_tokens SET last_used_at = now() - interval '2 days' WHERE ebay_account_id <> $1`, [used]);
    await sql(`UPDATE ebay_tokens SET last_used_at = now() - interval '1 hour' WHERE ebay_account_id = $1`, [used]);
    await makeDue(ids);
    const before = await refreshGrants();

    const report = await t.app.get(TokenRefreshScheduler).runOnce();

    expect(report).toMatchObject({ claimed: 1, refreshed: 1 });
    expect(await refreshedIds()).toEqual([used]);
    expect(await refreshGrants()).toBe(before + 1);

    // Its next use: the token is within the margin, so it is refreshed then, and marked used.
    await sql(`UPDATE ebay_tokens SET expires_at = now() + interval '1 minute' WHERE ebay_account_id = $1`, [idle]);
    await t.app.get(TokenService).getAccessToken(idle);
    expect(await refreshGrants()).toBe(before + 2);
    // Uses are written together every few seconds; a shutdown writes them too.
    await t.app.get(TokenUseMarker).flush();
    const [{ last_used_at: lastUsedAt }] = (await sql(`SELECT last_used_at FROM ebay_tokens WHERE ebay_account_id = $1`, [idle])).rows;
    expect(Date.now() - (lastUsedAt as Date).getTime()).toBeLessThan(60_000);
  });

  it('warns from 80 %, stops background refreshes at 100 %, and still refreshes on demand', async () => {
    // 4 of the day's 5 grants were spent (by other replicas, say), whatever this one counted so far.
    await t.app.get(GrantCounter).flush();
    await sql(
      `INSERT INTO ebay_grant_counts (quota_day, grant_type, grants) VALUES ($1, 'refresh_token', 4)
       ON CONFLICT (quota_day, grant_type) DO UPDATE SET grants = 4`,
      [quotaDay(new Date())],
    );
    await makeDue(ids);
    const before = await refreshGrants();

    const first = await t.app.get(TokenRefreshScheduler).runOnce();
    const second = await t.app.get(TokenRefreshScheduler).runOnce();

    expect(first).toMatchObject({ claimed: 1, refreshed: 1 });
    expect(second).toMatchObject({ claimed: 0 });
    expect(await refreshGrants()).toBe(before + 1);
    expect((await refreshedIds()).length).toBe(1);
    const warnings = t.logs.lines.filter((line) => line.context === 'GrantCounter').map((line) => line.msg);
    expect(warnings).toEqual([
      "Over 80 % of eBay's daily refresh grants are used",
      "eBay's daily refresh grants are used up: background refreshes stop until the quota day ends",
    ]);
    const runs = (await sql(`SELECT claimed, stopped_by FROM token_refresh_runs ORDER BY started_at DESC LIMIT 2`)).rows;
    expect(runs).toEqual([
      { claimed: 0, stopped_by: 'quota' },
      { claimed: 1, stopped_by: 'quota' },
    ]);

    // A caller's refresh is not held back: the quota stops only the proactive ones.
    const refreshed = await refreshedIds();
    const pending = ids.find((id) => !refreshed.includes(id))!;
    await t.http.post(`/api/ebay-accounts/${pending}/refresh-token`).set(user.auth).expect(200);
    expect(await refreshGrants()).toBe(before + 2);
    await t.app.get(GrantCounter).flush();
    expect(await todaysRefreshGrants()).toBe(6);
  });
});
