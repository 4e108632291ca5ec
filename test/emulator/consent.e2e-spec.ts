import { APPLICATION_SCOPES, DEFAULT_EMULATOR_APP, EBAY_SCOPES, USER_SCOPES } from '../../src/emulator';
import {
  ACCEPT_URL,
  approve,
  DECLINE_URL,
  getConsent,
  startTestEmulator,
  TEST_RUNAME,
  type TestEmulator,
} from './emulator-test-kit';

describe('emulator: consent page (GET /oauth2/authorize)', () => {
  let t: TestEmulator;

  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(async () => {
    await t.emulator.close();
  });

  it('shows a page to pick a test seller and agree or decline, without any script', async () => {
    const response = await getConsent(t.baseUrl, { state: 'abc' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    for (const username of ['seller_one', 'seller_two', 'seller_three', 'seller_quiet']) {
      expect(html).toContain(`name="emulator_user" value="${username}"`);
    }
    expect(html).toContain('name="emulator_action" value="approve"');
    expect(html).toContain('name="emulator_action" value="decline"');
    expect(html).toContain('<input type="hidden" name="state" value="abc">');
    expect(html).toContain(EBAY_SCOPES.fulfillment);
    expect(html).not.toContain('<script');
  });

  it('shows the seller picker for prompt=login too', async () => {
    const response = await getConsent(t.baseUrl, { prompt: 'login' });

    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('name="emulator_user"');
    expect(html).toContain('<input type="hidden" name="prompt" value="login">');
  });

  it('escapes every value it echoes from the request', async () => {
    const hostile = '"><script>alert(1)</script>';
    const html = await (await getConsent(t.baseUrl, { state: hostile })).text();

    expect(html).not.toContain(hostile);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('redirects an approval to the accept URL with state, a code encoded once and expires_in=299', async () => {
    const response = await getConsent(t.baseUrl, {
      state: 'st ate&=1',
      emulator_user: 'seller_one',
      emulator_action: 'approve',
    });

    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    expect(location.startsWith(`${ACCEPT_URL}?`)).toBe(true);
    // eBay's code holds ^ and #, which arrive percent-encoded exactly once.
    const rawCode = /[?&]code=([^&]*)/.exec(location)?.[1] ?? '';
    expect(rawCode).toMatch(/^v%5E1\.1%23/);
    expect(rawCode).not.toMatch(/[\^#]|%25/);
    const query = new URL(location).searchParams;
    expect(query.get('code')).toMatch(/^v\^1\.1#i\^1#.*#/);
    expect(query.get('code')).toBe(decodeURIComponent(rawCode));
    expect(query.get('state')).toBe('st ate&=1');
    expect(query.get('expires_in')).toBe('299');
  });

  it('redirects a decline to the decline URL with state and isAuthSuccessful=false', async () => {
    const response = await getConsent(t.baseUrl, { state: 'xyz', emulator_action: 'decline' });

    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(DECLINE_URL);
    expect(Object.fromEntries(location.searchParams)).toEqual({ state: 'xyz', isAuthSuccessful: 'false' });
  });

  it('leaves state out of the redirect when the request had none', async () => {
    const url = new URL(`${t.baseUrl}/oauth2/authorize`);
    url.search = new URLSearchParams({
      client_id: DEFAULT_EMULATOR_APP.clientId,
      redirect_uri: TEST_RUNAME,
      response_type: 'code',
      scope: EBAY_SCOPES.public,
      emulator_user: 'seller_two',
      emulator_action: 'approve',
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });

    const query = new URL(response.headers.get('location') ?? '').searchParams;
    expect(query.has('state')).toBe(false);
    expect(query.has('code')).toBe(true);
  });

  it.each([
    ['an unknown client_id', { client_id: 'NoSuchApp-PRD-123' }],
    ['a RuName nobody registered', { redirect_uri: 'Unknown-RuName' }],
    ['a URL instead of a RuName', { redirect_uri: ACCEPT_URL }],
    ['response_type=token', { response_type: 'token' }],
  ])('refuses %s with invalid_request', async (_case, params) => {
    const response = await getConsent(t.baseUrl, params);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error_id: 'invalid_request',
      error_description: 'Input request parameters are invalid.',
      http_status_code: 400,
    });
  });

  it('refuses a RuName that belongs to another app', async () => {
    t.emulator.registerApp({
      clientId: 'OtherApp-PRD-1',
      clientSecret: 'PRD-other-secret',
      ruNames: [{ ruName: 'Other-RuName', acceptUrl: ACCEPT_URL, declineUrl: DECLINE_URL }],
    });

    const response = await getConsent(t.baseUrl, { redirect_uri: 'Other-RuName' });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error_id: string }).error_id).toBe('invalid_request');
  });

  it.each([
    ['an unknown scope', `${EBAY_SCOPES.public} https://api.ebay.com/oauth/api_scope/sell.everything`],
    ['an application-only scope', `${EBAY_SCOPES.public} https://api.ebay.com/oauth/api_scope/buy.item.feed`],
    ['no scope at all', ''],
  ])('refuses %s with invalid_scope', async (_case, scope) => {
    const response = await getConsent(t.baseUrl, { scope });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error_id: 'invalid_scope', http_status_code: 400 });
  });

  it('accepts every scope eBay offers sellers, the 8 default ones and the .readonly variants included', async () => {
    expect(APPLICATION_SCOPES.has(EBAY_SCOPES.fulfillment)).toBe(false);
    const code = await approve(t.baseUrl, 'seller_one', { scope: [...USER_SCOPES].join(' ') });

    expect(code).toMatch(/^v\^1\.1#/);
  });

  it.each([
    ['an unknown emulator_user', { emulator_user: 'nobody', emulator_action: 'approve' }],
    ['approve without emulator_user', { emulator_action: 'approve' }],
    ['an unknown emulator_action', { emulator_user: 'seller_one', emulator_action: 'maybe' }],
  ])('answers %s with invalid_request', async (_case, params) => {
    const response = await getConsent(t.baseUrl, params);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error_id: string }).error_id).toBe('invalid_request');
  });
});
