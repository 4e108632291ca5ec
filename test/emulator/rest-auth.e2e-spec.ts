import { EBAY_SCOPES } from '../../src/emulator';
import {
  baseUrlFor,
  connectSeller,
  ebayError,
  getWithToken,
  startTestEmulator,
  type TestEmulator,
} from './emulator-test-kit';

const ENDPOINTS = ['/commerce/identity/v1/user/', '/sell/fulfillment/v1/order', '/sell/finances/v1/transaction'];

describe('emulator: access tokens on the REST APIs, and Identity getUser', () => {
  let t: TestEmulator;

  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(async () => {
    await t.emulator.close();
  });
  afterEach(async () => {
    await t.control.setClockOffset(0);
  });

  it("returns the token's seller from Identity getUser", async () => {
    const { access_token } = await connectSeller(t.baseUrl, 'seller_two');
    const seller = (await t.control.users()).find((user) => user.username === 'seller_two');

    const response = await getWithToken(t.apizBaseUrl, '/commerce/identity/v1/user/', access_token);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      userId: seller?.userId,
      username: 'seller_two',
      accountType: 'INDIVIDUAL',
      registrationMarketplaceId: 'EBAY_GB',
      status: 'CONFIRMED',
    });
  });

  it('shows a changed username with the same immutable userId', async () => {
    await t.control.addUser({ username: 'will_rename', accountType: 'BUSINESS' });
    const { access_token } = await connectSeller(t.baseUrl, 'will_rename');
    const before = (await (await getWithToken(t.apizBaseUrl, '/commerce/identity/v1/user/', access_token)).json()) as {
      userId: string;
    };

    await t.control.updateUser('will_rename', { username: 'was_renamed', status: 'ACCOUNTONHOLD' });

    const after = await getWithToken(t.apizBaseUrl, '/commerce/identity/v1/user/', access_token);
    expect(await after.json()).toMatchObject({ userId: before.userId, username: 'was_renamed', status: 'ACCOUNTONHOLD' });
  });

  it.each(ENDPOINTS)('answers 400 errorId 1002 on %s without a token', async (path) => {
    for (const headers of [{}, { authorization: 'Bearer' }, { authorization: '' }] as Record<string, string>[]) {
      const response = await fetch(`${baseUrlFor(t, path)}${path}`, { headers });
      expect(response.status).toBe(400);
      expect(await ebayError(response)).toEqual({
        errorId: 1002,
        domain: 'OAuth',
        category: 'REQUEST',
        message: 'Missing access token',
        longMessage: 'Access token is required. Set the Authorization HTTP request header.',
      });
    }
  });

  it.each(ENDPOINTS)('answers 401 errorId 1001 on %s to a token it never issued', async (path) => {
    const response = await getWithToken(baseUrlFor(t, path), path, 'v^1.1#i^1#p^3#r^0#I^3#f^0#t^not-issued');

    expect(response.status).toBe(401);
    expect(await ebayError(response)).toEqual({
      errorId: 1001,
      domain: 'OAuth',
      category: 'REQUEST',
      message: 'Invalid access token',
      longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.',
    });
  });

  it('answers 401 errorId 1001 once the access token is 7200 seconds old', async () => {
    const { access_token } = await connectSeller(t.baseUrl);
    await t.control.setClockOffset(7199);
    expect((await getWithToken(t.baseUrl, '/sell/fulfillment/v1/order', access_token)).status).toBe(200);

    await t.control.setClockOffset(7200);
    const expired = await getWithToken(t.baseUrl, '/sell/fulfillment/v1/order', access_token);

    expect(expired.status).toBe(401);
    expect((await ebayError(expired)).errorId).toBe(1001);
  });

  it("answers 1001 to invalidated access tokens: everyone's, or one seller's", async () => {
    const one = await connectSeller(t.baseUrl, 'seller_one');
    const two = await connectSeller(t.baseUrl, 'seller_two');

    await t.control.invalidateAccessTokens('seller_one');
    expect((await getWithToken(t.apizBaseUrl, ENDPOINTS[0] ?? '', one.access_token)).status).toBe(401);
    expect((await getWithToken(t.apizBaseUrl, ENDPOINTS[0] ?? '', two.access_token)).status).toBe(200);

    expect(await t.control.invalidateAccessTokens()).toBeGreaterThanOrEqual(1);
    expect((await getWithToken(t.apizBaseUrl, ENDPOINTS[0] ?? '', two.access_token)).status).toBe(401);
  });

  it.each([
    ['Identity', '/commerce/identity/v1/user/', [EBAY_SCOPES.public, EBAY_SCOPES.fulfillment]],
    ['getOrders', '/sell/fulfillment/v1/order', [EBAY_SCOPES.public, EBAY_SCOPES.identity]],
    ['getTransactions', '/sell/finances/v1/transaction', [EBAY_SCOPES.public, EBAY_SCOPES.fulfillment]],
  ])('answers 403 errorId 1100 on %s to a token without its scope', async (_api, path, scopes) => {
    const { access_token } = await connectSeller(t.baseUrl, 'seller_one', scopes);

    const response = await getWithToken(baseUrlFor(t, path), path, access_token);

    expect(response.status).toBe(403);
    expect(await ebayError(response)).toEqual({
      errorId: 1100,
      domain: 'ACCESS',
      category: 'REQUEST',
      message: 'Access denied',
      longMessage: 'Insufficient permissions to fulfill the request.',
    });
  });

  it('lets getOrders through with sell.fulfillment.readonly alone', async () => {
    const { access_token } = await connectSeller(t.baseUrl, 'seller_one', [
      'https://api.ebay.com/oauth/api_scope/sell.fulfillment.readonly',
    ]);

    expect((await getWithToken(t.baseUrl, '/sell/fulfillment/v1/order?limit=1', access_token)).status).toBe(200);
  });

  it("answers paths eBay does not have with 404 and eBay's envelope", async () => {
    const response = await fetch(`${t.baseUrl}/sell/marketing/v1/ad_campaign`);

    expect(response.status).toBe(404);
    expect((await ebayError(response)).errorId).toBe(2002);
  });
});
