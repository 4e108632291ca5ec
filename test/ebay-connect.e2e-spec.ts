import type { RunningEmulator } from '../src/emulator';
import { DEFAULT_EBAY_SCOPES } from '../src/config/default-ebay-scopes';
import { consent, connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { anEmail, registerAndLogin, type SignedInUser } from './support/users';

describe('connecting eBay accounts', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  let admin: SignedInUser;
  let alice: SignedInUser;
  let bob: SignedInUser;

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    t = await startConnectedApp(emulator);
    admin = await registerAndLogin(t.http, anEmail('admin'));
    alice = await registerAndLogin(t.http, anEmail('alice'));
    bob = await registerAndLogin(t.http, anEmail('bob'));
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it('answers a consent URL at eBay’s authorize endpoint with the RuName, scopes and a fresh state', async () => {
    const response = await t.http
      .get('/api/ebay/connect?houseName=Warehouse-A&prompt=login')
      .set(alice.auth)
      .expect(200);
    const url = new URL(response.body.authorizationUrl);

    expect(`${url.origin}${url.pathname}`).toBe(`${emulator.baseUrl}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'ebay-connect-test-client',
      redirect_uri: 'ebay_connect_test-RuName',
      response_type: 'code',
      scope: DEFAULT_EBAY_SCOPES.join(' '),
      state: response.body.state,
      prompt: 'login',
    });
    expect(response.body.state).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    const expiresInMs = Date.parse(response.body.expiresAt) - Date.now();
    expect(expiresInMs).toBeGreaterThan(9 * 60_000);
    expect(expiresInMs).toBeLessThanOrEqual(10 * 60_000);

    const stored = await withDatabase(t.database.url, (client) =>
      client.query('SELECT state_hash, house_name FROM oauth_states WHERE user_id = $1', [alice.id]),
    );
    expect(stored.rows).toContainEqual({ state_hash: expect.stringMatching(/^[0-9a-f]{64}$/), house_name: 'Warehouse-A' });
    expect(JSON.stringify(stored.rows)).not.toContain(response.body.state);
  });

  it('connects an account end to end: consent, callback, then the account in the list', async () => {
    const account = await connectAccount(t, alice, { ebayUser: 'seller_one', query: { houseName: 'Main store' } });

    expect(account).toMatchObject({
      houseName: 'Main store',
      username: 'seller_one',
      ebayUserId: expect.any(String),
      orgId: alice.id,
      purpose: 'BOTH',
      marketplaceId: 'EBAY_US',
      siteId: 0,
      isActive: true,
      status: 'active',
      scopes: [...DEFAULT_EBAY_SCOPES],
      token: {
        expiresAt: expect.any(String),
        lastRefreshedAt: expect.any(String),
        refreshTokenExpiresAt: expect.any(String),
        refreshError: null,
        refreshFailures: 0,
        reconnectSoon: false,
      },
    });
    const list = await t.http.get('/api/ebay-accounts').set(alice.auth).expect(200);
    expect(list.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(list.body.items[0]).toEqual(account);
    await t.http.get(`/api/ebay-accounts/${account.id}`).set(alice.auth).expect(200, account);
  });

  it('updates the same account when the same eBay user reconnects, reactivating it', async () => {
    const first = await connectAccount(t, bob, { ebayUser: 'seller_two' });
    expect(first).toMatchObject({ houseName: 'Account-seller_two', marketplaceId: 'EBAY_GB', siteId: 3 });
    await t.http.delete(`/api/ebay-accounts/${first.id}`).set(bob.auth).expect(200);
    await control.updateUser('seller_two', { username: 'seller_two_renamed' });

    const again = await connectAccount(t, bob, { ebayUser: 'seller_two_renamed', query: { purpose: 'SELLING' } });

    expect(again).toMatchObject({
      id: first.id,
      username: 'seller_two_renamed',
      houseName: 'Account-seller_two',
      purpose: 'SELLING',
      isActive: true,
      status: 'active',
    });
    const list = await t.http.get('/api/ebay-accounts').set(bob.auth).expect(200);
    expect(list.body.total).toBe(1);
    await control.updateUser('seller_two_renamed', { username: 'seller_two' });
  });

  it('refuses a house name another active account of the organisation has', async () => {
    const taken = await connectAccount(t, admin, { ebayUser: 'seller_three', query: { houseName: 'Shared name' } });
    expect(taken.houseName).toBe('Shared name');

    const clash = await t.http.get('/api/ebay/connect?houseName=Shared%20name').set(admin.auth).expect(409);
    expect(clash.body.code).toBe('house_name_taken');

    // Another organisation may use the name.
    await connectAccount(t, alice, { ebayUser: 'seller_quiet', query: { houseName: 'Shared name' } });
  });

  it('answers a declined consent with 400 and uses up its state', async () => {
    const declined = await consent(t, alice, { action: 'decline' });
    expect(declined.callbackPath).toContain('isAuthSuccessful=false');

    const response = await t.http.get(declined.callbackPath).expect(400);
    expect(response.body).toMatchObject({ code: 'declined', message: expect.stringContaining('authorization declined') });
    const replay = await t.http.get(declined.callbackPath).expect(400);
    expect(replay.body.code).toBe('state_used');

    // The standard OAuth form of a decline is understood too.
    const started = await t.http.get('/api/ebay/connect').set(alice.auth).expect(200);
    const denied = await t.http
      .get(`/api/ebay/callback?error=access_denied&state=${started.body.state}`)
      .expect(400);
    expect(denied.body.code).toBe('declined');
  });

  it('refuses a replayed, unknown, expired or another user’s state, naming the problem', async () => {
    const used = await consent(t, alice, { ebayUser: 'seller_one' });
    await t.http.get(used.callbackPath).expect(200);
    expect((await t.http.get(used.callbackPath).expect(400)).body.code).toBe('state_used');

    const unknown = used.callbackPath.replace(/state=[^&]+/, 'state=nonsense');
    expect((await t.http.get(unknown).expect(400)).body.code).toBe('state_unknown');
    expect((await t.http.get('/api/ebay/callback?code=x').expect(400)).body.code).toBe('state_missing');

    const expired = await consent(t, alice, { ebayUser: 'seller_one' });
    await withDatabase(t.database.url, (client) =>
      client.query(`UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND consumed_at IS NULL`, [alice.id]),
    );
    expect((await t.http.get(expired.callbackPath).expect(400)).body.code).toBe('state_expired');

    const alicesConsent = await consent(t, alice, { ebayUser: 'seller_one' });
    const stolen = await t.http.get(alicesConsent.callbackPath).set(bob.auth).expect(400);
    expect(stolen.body.code).toBe('state_other_user');
    // Her own JWT is welcome, and the state is still hers to use.
    await t.http.get(alicesConsent.callbackPath).set(alice.auth).expect(200);
  });

  it('answers a reused authorization code with 502 and eBay’s error, never a token', async () => {
    const first = await consent(t, alice, { ebayUser: 'seller_one' });
    await t.http.get(first.callbackPath).expect(200);
    const code = new URL(first.callbackPath, t.baseUrl).searchParams.get('code')!;
    expect(code).toMatch(/[#^]/);

    const second = await t.http.get('/api/ebay/connect').set(alice.auth).expect(200);
    const reused = await t.http
      .get('/api/ebay/callback')
      .query({ code, state: second.body.state })
      .expect(502);
    expect(reused.body).toMatchObject({ code: 'invalid_grant', error: 'Bad Gateway' });
  });

  it('keeps each organisation’s accounts to itself: another org’s account is a 404 everywhere', async () => {
    const account = await connectAccount(t, alice, { ebayUser: 'seller_one' });
    const path = `/api/ebay-accounts/${account.id}`;

    await t.http.get(path).set(bob.auth).expect(404);
    await t.http.patch(path).set(bob.auth).send({ houseName: 'Mine now' }).expect(404);
    await t.http.delete(path).set(bob.auth).expect(404);
    await t.http.post(`${path}/refresh-token`).set(bob.auth).expect(404);
    const bobs = await t.http.get('/api/ebay-accounts').set(bob.auth).expect(200);
    expect(bobs.body.items.map((item: { id: string }) => item.id)).not.toContain(account.id);
    await t.http.get(`/api/ebay-accounts?orgId=${alice.id}`).set(bob.auth).expect(403);
    await t.http.get('/api/ebay-accounts?all=true').set(bob.auth).expect(403);

    await t.http.get(path).set(alice.auth).expect(200);
    const forAdmin = await t.http.get(`/api/ebay-accounts?orgId=${alice.id}`).set(admin.auth).expect(200);
    expect(forAdmin.body.items.map((item: { id: string }) => item.id)).toContain(account.id);
    const everyone = await t.http.get('/api/ebay-accounts?all=true&limit=200').set(admin.auth).expect(200);
    expect(everyone.body.total).toBeGreaterThan(forAdmin.body.total);
  });

  it('renames, re-purposes and disconnects an account, keeping it listed', async () => {
    const account = await connectAccount(t, alice, { ebayUser: 'seller_three', query: { houseName: 'Before' } });
    const path = `/api/ebay-accounts/${account.id}`;

    const patched = await t.http
      .patch(path)
      .set(alice.auth)
      .send({ houseName: 'After', purpose: 'BUYING', marketplaceId: 'EBAY_DE' })
      .expect(200);
    expect(patched.body).toMatchObject({ houseName: 'After', purpose: 'BUYING', marketplaceId: 'EBAY_DE', siteId: 77 });
    await t.http.patch(path).set(alice.auth).send({ purpose: 'RENTING' }).expect(400);
    await t.http.patch(path).set(alice.auth).send({ siteId: '3' }).expect(400);
    await t.http.patch(path).set(alice.auth).send({}).expect(400);
    await t.http.patch(path).set(alice.auth).send({ houseName: 'Main store' }).expect(409);

    const disconnected = await t.http.delete(path).set(alice.auth).expect(200);
    expect(disconnected.body).toMatchObject({ isActive: false, status: 'disconnected' });
    const tokens = await withDatabase(t.database.url, (client) =>
      client.query('SELECT access_token, refresh_token, last_refreshed_at FROM ebay_tokens WHERE ebay_account_id = $1', [account.id]),
    );
    expect(tokens.rows[0]).toMatchObject({ access_token: null, refresh_token: null, last_refreshed_at: expect.any(Date) });
    const refresh = await t.http.post(`${path}/refresh-token`).set(alice.auth).expect(409);
    expect(refresh.body.code).toBe('not_connected');
    await t.http.get(path).set(alice.auth).expect(200);
  });

  it('refuses a connect whose user was deactivated while at eBay, without spending the code', async () => {
    const leaver = await registerAndLogin(t.http, anEmail('leaver'));
    const { callbackPath } = await consent(t, leaver, { ebayUser: 'seller_three' });
    await t.http.patch(`/api/admin/users/${leaver.id}`).set(admin.auth).send({ isActive: false }).expect(200);
    const before = await control.stats();

    const response = await t.http.get(callbackPath).expect(403);

    expect(response.body).toMatchObject({ code: 'user_inactive' });
    expect((await control.stats()).tokenGrants.authorization_code).toBe(before.tokenGrants.authorization_code);
    const rows = await withDatabase(t.database.url, (client) =>
      client.query('SELECT count(*)::int AS n FROM ebay_accounts WHERE org_id = $1', [leaver.id]),
    );
    expect(rows.rows[0].n).toBe(0);
  });

  it('validates connect options and account ids', async () => {
    await t.http.get('/api/ebay/connect?purpose=RENTING').set(alice.auth).expect(400);
    await t.http.get('/api/ebay/connect?marketplaceId=EBAY_MARS').set(alice.auth).expect(400);
    await t.http.get('/api/ebay/connect?prompt=consent').set(alice.auth).expect(400);
    await t.http.get('/api/ebay/connect?houseName=%3Cscript%3E').set(alice.auth).expect(400);
    await t.http.get('/api/ebay/connect').expect(401);
    await t.http.get('/api/ebay-accounts/not-a-uuid').set(alice.auth).expect(400);
    await t.http.get('/api/ebay-accounts?limit=500').set(alice.auth).expect(400);
    const account = await connectAccount(t, alice, { ebayUser: 'seller_quiet' });
    for (const field of ['houseName', 'purpose', 'marketplaceId', 'siteId']) {
      await t.http.patch(`/api/ebay-accounts/${account.id}`).set(alice.auth).send({ [field]: null }).expect(400);
    }
    const unchanged = await t.http.get(`/api/ebay-accounts/${account.id}`).set(alice.auth).expect(200);
    expect(unchanged.body).toMatchObject({ houseName: account.houseName, siteId: account.siteId });
  });
});

describe('connecting with EBAY_CONNECT_RETURN_URL', () => {
  const RETURN_URL = 'https://app.example.com/ebay/connected';
  let emulator: RunningEmulator;
  let t: TestApp;
  let user: SignedInUser;

  beforeAll(async () => {
    ({ emulator } = await startTestEbay());
    t = await startConnectedApp(emulator, { env: { EBAY_CONNECT_RETURN_URL: RETURN_URL } });
    user = await registerAndLogin(t.http);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it('sends the browser back to the frontend with the new account’s id', async () => {
    const { callbackPath } = await consent(t, user, { ebayUser: 'seller_one' });
    const response = await t.http.get(callbackPath).expect(302);
    const location = new URL(response.headers.location);

    expect(`${location.origin}${location.pathname}`).toBe(RETURN_URL);
    expect(location.searchParams.get('status')).toBe('connected');
    const account = await t.http.get(`/api/ebay-accounts/${location.searchParams.get('accountId')}`).set(user.auth).expect(200);
    expect(account.body.username).toBe('seller_one');
  });

  it('sends failures to the same URL only, with a reason', async () => {
    const declined = await consent(t, user, { action: 'decline' });
    const response = await t.http.get(`${declined.callbackPath}&redirect_uri=https://evil.example.com`).expect(302);
    const location = new URL(response.headers.location);

    expect(`${location.origin}${location.pathname}`).toBe(RETURN_URL);
    expect(Object.fromEntries(location.searchParams)).toEqual({ status: 'error', reason: 'declined' });
  });

  it('sends the browser back with status=error even when the service itself fails', async () => {
    const { callbackPath } = await consent(t, user, { ebayUser: 'seller_two' });
    await withDatabase(t.database.url, (client) =>
      client.query('ALTER TABLE ebay_accounts ADD CONSTRAINT ck_test_refuse_accounts CHECK (false) NOT VALID'),
    );
    try {
      const response = await t.http.get(callbackPath).expect(302);
      const location = new URL(response.headers.location);
      expect(`${location.origin}${location.pathname}`).toBe(RETURN_URL);
      expect(Object.fromEntries(location.searchParams)).toEqual({ status: 'error', reason: 'internal_error' });
    } finally {
      await withDatabase(t.database.url, (client) => client.query('ALTER TABLE ebay_accounts DROP CONSTRAINT ck_test_refuse_accounts'));
    }
  });
});
