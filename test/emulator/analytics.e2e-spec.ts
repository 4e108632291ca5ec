import type { ApiRateLimit } from '../../src/emulator';
import {
  applicationToken,
  connectSeller,
  ebayError,
  getWithToken,
  OTHER_APP,
  registerOtherApp,
  startTestEmulator,
  type TestEmulator,
} from './emulator-test-kit';

const RATE_LIMIT = '/developer/analytics/v1_beta/rate_limit/';
const USER_RATE_LIMIT = '/developer/analytics/v1_beta/user_rate_limit/';
const ORDERS = '/sell/fulfillment/v1/order?limit=1';
const IDENTITY = '/commerce/identity/v1/user/';

interface RateLimitsBody {
  rateLimits: ApiRateLimit[];
}

/** The one rate of `resource` in a rate-limits body. */
function rateOf(body: RateLimitsBody, resource: string): ApiRateLimit['resources'][number]['rates'][number] | undefined {
  return body.rateLimits.flatMap((api) => api.resources).find((entry) => entry.name === resource)?.rates[0];
}

describe('emulator: Developer Analytics rate limits', () => {
  let t: TestEmulator;

  const rateLimits = async (path: string, token: string): Promise<RateLimitsBody> => {
    const response = await getWithToken(t.baseUrl, path, token);
    expect(response.status).toBe(200);
    return (await response.json()) as RateLimitsBody;
  };

  beforeAll(async () => {
    t = await startTestEmulator();
    registerOtherApp(t);
  });
  afterAll(async () => {
    await t.emulator.close();
  });
  beforeEach(async () => {
    await t.control.clearUsage();
  });

  it("answers getUserRateLimits in eBay's shape, counting the seller's calls served today", async () => {
    const { access_token } = await connectSeller(t.baseUrl, 'seller_one');
    for (let call = 0; call < 3; call++) expect((await getWithToken(t.baseUrl, ORDERS, access_token)).status).toBe(200);
    await getWithToken(t.apizBaseUrl, IDENTITY, access_token);

    const body = await rateLimits(USER_RATE_LIMIT, access_token);

    const fulfillment = body.rateLimits.find((api) => api.apiName === 'Fulfillment');
    expect(fulfillment).toEqual({
      apiContext: 'sell',
      apiName: 'Fulfillment',
      apiVersion: 'v1',
      resources: [
        {
          name: 'sell.fulfillment',
          rates: [{ count: 3, limit: 100_000, remaining: 99_997, reset: expect.any(String), timeWindow: 86_400 }],
        },
      ],
    });
    expect(rateOf(body, 'commerce.identity')?.count).toBe(1);
    expect(rateOf(body, 'sell.finances')).toMatchObject({ count: 0, limit: 15_000, remaining: 15_000 });
    // The call asking counts too.
    expect(rateOf(body, 'developer.analytics')?.count).toBe(1);
  });

  it('resets at the next midnight in Pacific time', async () => {
    const { access_token } = await connectSeller(t.baseUrl, 'seller_one');

    const reset = rateOf(await rateLimits(USER_RATE_LIMIT, access_token), 'sell.fulfillment')?.reset ?? '';

    const resetAt = new Date(reset);
    expect(resetAt.getTime()).toBeGreaterThan(Date.now());
    expect(resetAt.getTime() - Date.now()).toBeLessThanOrEqual(25 * 60 * 60 * 1000);
    expect([7, 8]).toContain(resetAt.getUTCHours());
    expect(resetAt.getUTCMinutes()).toBe(0);
  });

  it("counts each seller's calls apart, and the app's calls together in getRateLimits", async () => {
    const one = await connectSeller(t.baseUrl, 'seller_one');
    const two = await connectSeller(t.baseUrl, 'seller_two');
    await getWithToken(t.baseUrl, ORDERS, one.access_token);
    await getWithToken(t.baseUrl, ORDERS, two.access_token);
    await getWithToken(t.baseUrl, ORDERS, two.access_token);

    expect(rateOf(await rateLimits(USER_RATE_LIMIT, one.access_token), 'sell.fulfillment')?.count).toBe(1);
    expect(rateOf(await rateLimits(USER_RATE_LIMIT, two.access_token), 'sell.fulfillment')?.count).toBe(2);
    const app = await rateLimits(RATE_LIMIT, await applicationToken(t.baseUrl));
    expect(rateOf(app, 'sell.fulfillment')?.count).toBe(3);
    const otherApp = await rateLimits(RATE_LIMIT, await applicationToken(t.baseUrl, OTHER_APP));
    expect(rateOf(otherApp, 'sell.fulfillment')?.count).toBe(0);
    expect(await t.control.callsBy('seller_two', 'sell.fulfillment')).toBe(2);
  });

  it('does not count calls refused before they reached the API: a bad token, a fault, the wrong host', async () => {
    const { access_token } = await connectSeller(t.baseUrl, 'seller_one');
    await getWithToken(t.baseUrl, ORDERS, 'v^1.1#i^1#not-issued');
    await t.control.addFault({ endpoint: 'orders', mode: 'status', status: 500 });
    expect((await getWithToken(t.baseUrl, ORDERS, access_token)).status).toBe(500);
    await getWithToken(t.baseUrl, IDENTITY, access_token);

    expect((await t.control.usage()).users.seller_one).toBeUndefined();
  });

  it('narrows the list with api_context and api_name, case aside', async () => {
    const { access_token } = await connectSeller(t.baseUrl, 'seller_one');

    const sell = await rateLimits(`${USER_RATE_LIMIT}?api_context=sell`, access_token);
    const finances = await rateLimits(`${USER_RATE_LIMIT}?api_context=sell&api_name=finances`, access_token);
    const trading = await rateLimits(`${USER_RATE_LIMIT}?api_context=tradingapi`, access_token);

    expect(sell.rateLimits.map((api) => api.apiName).sort()).toEqual(['Finances', 'Fulfillment', 'Inventory']);
    expect(finances.rateLimits.map((api) => api.apiName)).toEqual(['Finances']);
    expect(trading.rateLimits).toEqual([]);
  });

  it("answers eBay's 429 (2001) once a resource's daily limit is used up, until the next quota day", async () => {
    const { access_token } = await connectSeller(t.baseUrl, 'seller_one');
    await t.control.setDailyLimit('sell.fulfillment', 2);
    for (let call = 0; call < 2; call++) expect((await getWithToken(t.baseUrl, ORDERS, access_token)).status).toBe(200);

    const over = await getWithToken(t.baseUrl, ORDERS, access_token);

    expect(over.status).toBe(429);
    expect(await ebayError(over)).toMatchObject({ errorId: 2001, domain: 'ACCESS', message: 'Too many requests' });
    expect(rateOf(await rateLimits(USER_RATE_LIMIT, access_token), 'sell.fulfillment')).toMatchObject({
      count: 2,
      limit: 2,
      remaining: 0,
    });
    await t.control.advanceClock(24 * 60 * 60);
    const { access_token: tomorrow } = await connectSeller(t.baseUrl, 'seller_one');
    expect((await getWithToken(t.baseUrl, ORDERS, tomorrow)).status).toBe(200);
    await t.control.setClockOffset(0);
    await t.control.setDailyLimit('sell.fulfillment', null);
  });

  it('wants an application token for getRateLimits and a user token for getUserRateLimits', async () => {
    const { access_token } = await connectSeller(t.baseUrl, 'seller_one');
    const application = await applicationToken(t.baseUrl);

    const userOnAppRoute = await getWithToken(t.baseUrl, RATE_LIMIT, access_token);
    const appOnUserRoute = await getWithToken(t.baseUrl, USER_RATE_LIMIT, application);

    expect(userOnAppRoute.status).toBe(403);
    expect((await ebayError(userOnAppRoute)).errorId).toBe(1100);
    expect(appOnUserRoute.status).toBe(403);
    expect((await getWithToken(t.baseUrl, RATE_LIMIT, '')).status).toBe(400);
  });

  it('refuses a limit for a resource it does not know', async () => {
    await expect(t.control.setDailyLimit('sell.nothing', 1)).rejects.toThrow(/404/);
  });
});
