import { DEFAULT_EMULATOR_APP } from '../../src/emulator';
import { EmulatorControl } from '../support/emulator-control';
import {
  ACCEPT_URL,
  approve,
  basicAuth,
  connectSeller,
  DECLINE_URL,
  exchangeCode,
  getConsent,
  getWithToken,
  postToken,
  refresh,
  startTestEmulator,
  type TestEmulator,
} from './emulator-test-kit';

describe('emulator: control API', () => {
  let t: TestEmulator;

  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(async () => {
    await t.emulator.close();
  });

  it('resets users, data, tokens, faults, latency, clock and stats to the seeded start, and keeps apps', async () => {
    const seededOrders = await t.control.orders('seller_one');
    const tokens = await connectSeller(t.baseUrl);
    await t.control.addOrder('seller_one', { total: '1.00' });
    await t.control.updateUser('seller_two', { username: 'seller_two_renamed' });
    await t.control.addFault({ endpoint: 'orders', mode: 'close', count: 5 });
    await t.control.setLatency(500);
    await t.control.setClockOffset(3600);

    await t.control.reset();

    expect((await t.control.orders('seller_one')).map((order) => order.orderId)).toEqual(
      seededOrders.map((order) => order.orderId),
    );
    expect((await t.control.users()).map((user) => user.username)).toEqual([
      'seller_one',
      'seller_two',
      'seller_three',
      'seller_quiet',
    ]);
    expect(await t.control.faults()).toEqual([]);
    expect((await t.control.clock()).offsetSeconds).toBe(0);
    expect((await getWithToken(t.apizBaseUrl, '/commerce/identity/v1/user/', tokens.access_token)).status).toBe(401);
    expect((await refresh(t.baseUrl, tokens.refresh_token)).status).toBe(400);
    const startedAt = performance.now();
    expect((await getConsent(t.baseUrl)).status).toBe(200);
    expect(performance.now() - startedAt).toBeLessThan(250);
    expect((await t.control.stats()).calls).toEqual({
      authorize: 1,
      token: 1,
      identity: 1,
      orders: 0,
      transactions: 0,
      publicKey: 0,
      issueRefund: 0,
      inventoryItem: 0,
      rateLimits: 0,
      signingKey: 0,
    });
  });

  it('moves the clock by an offset and reports it', async () => {
    const before = await t.control.clock();

    const after = await t.control.setClockOffset(86_400);

    expect(after.offsetSeconds).toBe(86_400);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(86_400_000);
    await t.control.setClockOffset(0);
  });

  it('adds a test user who can consent, with a generated history', async () => {
    const added = await t.control.addUser({
      username: 'added_seller',
      accountType: 'BUSINESS',
      registrationMarketplaceId: 'EBAY_DE',
      orderCount: 12,
    });
    const { access_token } = await connectSeller(t.baseUrl, 'added_seller');

    expect(added).toMatchObject({ username: 'added_seller', orderCount: 12, userId: expect.any(String) });
    const identity = await getWithToken(t.apizBaseUrl, '/commerce/identity/v1/user/', access_token);
    expect(await identity.json()).toMatchObject({ userId: added.userId, registrationMarketplaceId: 'EBAY_DE' });
    const [order] = await t.control.orders('added_seller');
    expect(order?.pricingSummary.total.currency).toBe('EUR');
  });

  it('registers an app and a RuName that consent and the token endpoint then accept', async () => {
    const app = { clientId: 'ControlApp-PRD-9', clientSecret: 'PRD-control-secret', ruNames: [] };
    await t.control.registerApp(app);
    const registered = await t.control.registerRuName(app.clientId, {
      ruName: 'Control-RuName',
      acceptUrl: ACCEPT_URL,
      declineUrl: DECLINE_URL,
    });

    const code = await approve(t.baseUrl, 'seller_one', { client_id: app.clientId, redirect_uri: 'Control-RuName' });
    const exchanged = await postToken(t.baseUrl, {
      authorization: basicAuth(app),
      form: { grant_type: 'authorization_code', code, redirect_uri: 'Control-RuName' },
    });

    expect(registered.ruNames).toEqual([{ ruName: 'Control-RuName', acceptUrl: ACCEPT_URL, declineUrl: DECLINE_URL }]);
    expect(exchanged.status).toBe(200);
    expect((await t.control.apps()).map((known) => known.clientId)).toContain(app.clientId);
  });

  it('replaces an app registered again with the same client id', async () => {
    t.emulator.registerApp({ clientId: 'Replaced-PRD-1', clientSecret: 'old-secret', ruNames: [] });
    t.emulator.registerApp({ clientId: 'Replaced-PRD-1', clientSecret: 'new-secret', ruNames: [] });

    const form = { grant_type: 'client_credentials', scope: 'https://api.ebay.com/oauth/api_scope' };
    const withOld = await postToken(t.baseUrl, { authorization: basicAuth({ clientId: 'Replaced-PRD-1', clientSecret: 'old-secret' }), form });
    const withNew = await postToken(t.baseUrl, { authorization: basicAuth({ clientId: 'Replaced-PRD-1', clientSecret: 'new-secret' }), form });

    expect([withOld.status, withNew.status]).toEqual([401, 200]);
  });

  it.each([
    ['a RuName URL that is not absolute', { ruName: 'Bad', acceptUrl: '/callback', declineUrl: DECLINE_URL }],
    ['a missing decline URL', { ruName: 'Bad', acceptUrl: ACCEPT_URL }],
  ])('refuses %s with 400', async (_case, ruName) => {
    const response = await fetch(`${t.baseUrl}/__emulator/apps/${DEFAULT_EMULATOR_APP.clientId}/runames`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ruName),
    });

    expect(response.status).toBe(400);
  });

  it('answers 404 for unknown sellers, orders and control paths, and 400 for a body that is not JSON', async () => {
    await expect(t.control.orders('nobody')).rejects.toThrow(/404/);
    await expect(t.control.updateOrder('seller_one', '00-00000-00000')).rejects.toThrow(/404/);
    expect((await fetch(`${t.baseUrl}/__emulator/nothing-here`)).status).toBe(404);
    const notJson = await fetch(`${t.baseUrl}/__emulator/clock`, { method: 'PUT', body: '{offset' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'invalid_input', message: 'The body is not valid JSON' });
  });

  it('refuses an order id that exists already with 409', async () => {
    const [existing] = await t.control.orders('seller_two');

    await expect(t.control.addOrder('seller_three', { orderId: existing?.orderId })).rejects.toThrow(/409/);
  });
});

describe('emulator: instances', () => {
  it('never share state: tokens, faults and data belong to one emulator', async () => {
    const first = await startTestEmulator();
    const second = await startTestEmulator();
    try {
      const tokens = await connectSeller(first.baseUrl);
      await new EmulatorControl(first.baseUrl).addFault({ endpoint: 'identity', mode: 'status', status: 500, count: 10 });
      await first.control.addOrder('seller_one', { orderId: '11-11111-11111' });

      expect((await getWithToken(second.apizBaseUrl, '/commerce/identity/v1/user/', tokens.access_token)).status).toBe(401);
      const secondTokens = await connectSeller(second.baseUrl);
      expect((await getWithToken(second.apizBaseUrl, '/commerce/identity/v1/user/', secondTokens.access_token)).status).toBe(200);
      expect((await exchangeCode(second.baseUrl, await approve(first.baseUrl))).status).toBe(400);
      expect((await second.control.orders('seller_one')).some((order) => order.orderId === '11-11111-11111')).toBe(false);
    } finally {
      await Promise.all([first.emulator.close(), second.emulator.close()]);
    }
  });
});
