import type { RunningEmulator } from '../src/emulator';
import { startConnectedApp, startTestEbay } from './support/connected-app';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

interface Started {
  readonly redirectUrl: string;
  readonly state: string;
  readonly cookie: string;
}

/**
 * The console's connect (RFC 9700's binding of the state to the browser), over HTTP: the
 * start sets an HttpOnly cookie, and the redirect to eBay and the callback need it. A consent
 * link opened in another browser — one without the cookie, or with another — is refused and
 * leaves the state unused; an API client's connect is unchanged.
 */
describe('browser-bound connect', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let alice: SignedInUser;

  beforeAll(async () => {
    ({ emulator } = await startTestEbay());
    t = await startConnectedApp(emulator);
    alice = await registerAndLogin(t.http);
  });

  afterAll(async () => {
    await t?.close();
    await emulator?.close();
  });

  async function start(body: Record<string, unknown> = {}): Promise<Started> {
    const response = await t.http.post('/api/ebay/connect/browser').set(alice.auth).send(body).expect(201);
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const binding = setCookie.find((value) => value.startsWith('ebay_connect_browser='));
    if (binding === undefined) throw new Error('No binding cookie was set');
    return { redirectUrl: response.body.redirectUrl, state: response.body.state, cookie: binding.split(';')[0] };
  }

  /** The emulator's consent, as a person agrees (or declines) in the browser; answers eBay's redirect. */
  async function consentAt(authorizationUrl: string, action: 'approve' | 'decline' = 'approve'): Promise<string> {
    const url = new URL(authorizationUrl);
    url.searchParams.set('emulator_user', 'seller_two');
    url.searchParams.set('emulator_action', action);
    const redirect = await fetch(url, { redirect: 'manual' });
    const location = redirect.headers.get('location');
    if (location === null) throw new Error(`The emulator answered ${redirect.status}`);
    const callback = new URL(location);
    return `${callback.pathname}${callback.search}`;
  }

  async function stateRow(state: string): Promise<{ consumed_at: Date | null; browser_binding_hash: string | null }> {
    const { createHash } = await import('node:crypto');
    return withDatabase(t.database.url, async (client) =>
      (await client.query('SELECT consumed_at, browser_binding_hash FROM oauth_states WHERE state_hash = $1', [
        createHash('sha256').update(state).digest('hex'),
      ])).rows[0],
    );
  }

  it('sets an HttpOnly, SameSite=Lax cookie for /api/ebay and keeps only its hash', async () => {
    const response = await t.http.post('/api/ebay/connect/browser').set(alice.auth).send({ houseName: 'Cookie shop' }).expect(201);

    const [cookie] = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    expect(cookie).toMatch(/^ebay_connect_browser=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toMatch(/; Path=\/api\/ebay/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(response.body.redirectUrl).toBe(`/api/ebay/connect/redirect?state=${encodeURIComponent(response.body.state)}`);
    const row = await stateRow(response.body.state);
    expect(row.browser_binding_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.browser_binding_hash).not.toContain(cookie.split(';')[0].split('=')[1]);
  });

  it('connects through the redirect and the callback in the browser that started it, and returns to the console', async () => {
    const started = await start({ houseName: 'Console shop' });

    const redirect = await t.http.get(started.redirectUrl).set('Cookie', started.cookie).expect(302);
    expect(redirect.headers.location).toMatch(new RegExp(`^${emulator.baseUrl}/oauth2/authorize\\?`));
    const callback = await t.http.get(await consentAt(redirect.headers.location)).set('Cookie', started.cookie).expect(302);

    const back = new URL(callback.headers.location, t.baseUrl);
    expect(back.pathname).toBe('/connect/callback');
    expect(back.searchParams.get('status')).toBe('connected');
    const account = await t.http.get(`/api/ebay-accounts/${back.searchParams.get('accountId')}`).set(alice.auth).expect(200);
    expect(account.body).toMatchObject({ houseName: 'Console shop', username: 'seller_two', status: 'active' });
  });

  it('refuses a consent link opened in another browser, and leaves the state unused for the right one', async () => {
    const started = await start();
    // Another browser: its start gives it a cookie of its own.
    const other = await start();

    const noCookie = await t.http.get(started.redirectUrl).expect(302);
    const otherCookie = await t.http.get(started.redirectUrl).set('Cookie', other.cookie).expect(302);
    for (const refused of [noCookie, otherCookie]) {
      expect(refused.headers.location).toBe('/connect/callback?status=error&reason=browser_mismatch');
    }

    // eBay's consent link itself, opened elsewhere: the callback comes back without the cookie.
    const toEbay = await t.http.get(started.redirectUrl).set('Cookie', started.cookie).expect(302);
    const callbackPath = await consentAt(toEbay.headers.location);
    const stranger = await t.http.get(callbackPath).expect(302);
    expect(stranger.headers.location).toBe('/connect/callback?status=error&reason=browser_mismatch');
    expect((await stateRow(started.state)).consumed_at).toBeNull();
  });

  it('sends a declined consent back to the console with its reason', async () => {
    const started = await start();
    const redirect = await t.http.get(started.redirectUrl).set('Cookie', started.cookie).expect(302);

    const callback = await t.http.get(await consentAt(redirect.headers.location, 'decline')).set('Cookie', started.cookie).expect(302);

    expect(callback.headers.location).toBe('/connect/callback?status=error&reason=declined');
  });

  it('sends an unknown state back to the console from the redirect, and keeps an API client’s connect as it was', async () => {
    const unknown = await t.http.get('/api/ebay/connect/redirect?state=nope').expect(302);
    expect(unknown.headers.location).toBe('/connect/callback?status=error&reason=state_unknown');

    const apiStart = await t.http.get('/api/ebay/connect').set(alice.auth).expect(200);
    const callback = await t.http.get(await consentAt(apiStart.body.authorizationUrl)).expect(200);
    expect(callback.body).toMatchObject({ username: 'seller_two', status: 'active' });
  });

  it('refuses a bad body with 400 and no cookie', async () => {
    const response = await t.http.post('/api/ebay/connect/browser').set(alice.auth).send({ purpose: 'SOMETIMES' }).expect(400);

    expect(response.headers['set-cookie']).toBeUndefined();
  });
});
