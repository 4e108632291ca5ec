import { connectSeller, ebayError, getWithToken, startTestEmulator, type TestEmulator } from './emulator-test-kit';

/** eBay's api and apiz hosts (docs/ebay.md, section 1): each path answers on one of them only. */
describe('emulator: the api and apiz hosts', () => {
  let t: TestEmulator;
  let accessToken: string;

  beforeAll(async () => {
    t = await startTestEmulator();
    accessToken = (await connectSeller(t.baseUrl, 'seller_one')).access_token;
  });
  afterAll(async () => {
    await t.emulator.close();
  });

  it('listens on two ports', () => {
    expect(t.emulator.apizPort).not.toBe(t.emulator.port);
    expect(t.apizBaseUrl).toBe(`http://127.0.0.1:${t.emulator.apizPort}`);
    expect(t.baseUrl).toBe(`http://127.0.0.1:${t.emulator.port}`);
  });

  it.each([
    ['Identity getUser', '/commerce/identity/v1/user/'],
    ['Finances getTransactions', '/sell/finances/v1/transaction?limit=1'],
    ['Key Management', '/developer/key_management/v1/signing_key'],
  ])('answers %s on apiz only: 404 errorId 2002 on the api host', async (_api, path) => {
    const onApi = await getWithToken(t.baseUrl, path, accessToken);

    expect(onApi.status).toBe(404);
    expect(await ebayError(onApi)).toMatchObject({ errorId: 2002, message: 'Resource not found' });
    expect((await getWithToken(t.apizBaseUrl, path, accessToken)).status).not.toBe(404);
  });

  it.each([
    ['getOrders', 'GET', '/sell/fulfillment/v1/order?limit=1'],
    ['issueRefund', 'POST', '/sell/fulfillment/v1/order/12-34567-89012/issue_refund'],
    ['Inventory', 'GET', '/sell/inventory/v1/inventory_item/ANY-SKU'],
    ['Developer Analytics', 'GET', '/developer/analytics/v1_beta/user_rate_limit/'],
    ['Notification getPublicKey', 'GET', '/commerce/notification/v1/public_key/some-kid'],
    ['the token endpoint', 'POST', '/identity/v1/oauth2/token'],
    ['the consent page', 'GET', '/oauth2/authorize'],
  ])('answers %s on api only: 404 errorId 2002 on the apiz host', async (_api, method, path) => {
    const onApiz = await fetch(`${t.apizBaseUrl}${path}`, { method, headers: { authorization: `Bearer ${accessToken}` } });

    expect(onApiz.status).toBe(404);
    expect((await ebayError(onApiz)).errorId).toBe(2002);
  });

  it('does not count a call to the wrong host', async () => {
    await t.control.clearStats();

    await getWithToken(t.baseUrl, '/commerce/identity/v1/user/', accessToken);

    expect((await t.control.stats()).calls.identity).toBe(0);
  });

  it('serves the control API on both ports', async () => {
    expect((await fetch(`${t.apizBaseUrl}/__emulator/clock`)).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/__emulator/clock`)).status).toBe(200);
  });
});
