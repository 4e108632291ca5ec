import { EBAY_SCOPES, type EmulatorStats } from '../../src/emulator';
import {
  approve,
  connectSeller,
  ebayError,
  exchangeCode,
  getConsent,
  getWithToken,
  postToken,
  refresh,
  startTestEmulator,
  type TestEmulator,
} from './emulator-test-kit';

const NO_CALLS = {
  authorize: 0,
  token: 0,
  identity: 0,
  orders: 0,
  transactions: 0,
  publicKey: 0,
  issueRefund: 0,
  inventoryItem: 0,
  rateLimits: 0,
  signingKey: 0,
};

describe('emulator: fault injection, latency and stats', () => {
  let t: TestEmulator;
  let tokens: { access_token: string; refresh_token: string };

  const getOrders = (): Promise<Response> => getWithToken(t.baseUrl, '/sell/fulfillment/v1/order?limit=1', tokens.access_token);

  beforeAll(async () => {
    t = await startTestEmulator();
  });
  beforeEach(async () => {
    await t.control.reset();
    tokens = await connectSeller(t.baseUrl);
    await t.control.clearStats();
  });
  afterAll(async () => {
    await t.emulator.close();
  });

  it("fails the next N calls with the status and eBay's body, then lets calls through", async () => {
    await t.control.addFault({ endpoint: 'orders', mode: 'status', status: 503, count: 2 });

    const responses = [await getOrders(), await getOrders(), await getOrders()];

    expect(responses.map((response) => response.status)).toEqual([503, 503, 200]);
    expect(await ebayError(responses[0] as Response)).toMatchObject({ errorId: 2003, message: 'Internal error' });
    expect(await t.control.faults()).toEqual([]);
  });

  it('counts every call in stats, the faulted ones included', async () => {
    await t.control.addFault({ endpoint: 'orders', mode: 'status', status: 502, count: 2 });
    for (let call = 0; call < 3; call++) await getOrders();

    const stats = await t.control.stats();

    expect(stats.calls).toEqual({ ...NO_CALLS, orders: 3 });
    expect(stats.faultsInjected).toEqual({ ...NO_CALLS, orders: 2 });
  });

  it('answers 429 with Retry-After when asked, and without it otherwise', async () => {
    await t.control.addFault({ endpoint: 'orders', mode: 'status', status: 429, retryAfterSeconds: 7 });
    await t.control.addFault({ endpoint: 'orders', mode: 'status', status: 429 });

    const withHeader = await getOrders();
    const without = await getOrders();

    expect(withHeader.status).toBe(429);
    expect(withHeader.headers.get('retry-after')).toBe('7');
    expect(await ebayError(withHeader)).toMatchObject({ errorId: 2001, message: 'Too many requests' });
    expect(without.status).toBe(429);
    expect(without.headers.get('retry-after')).toBeNull();
  });

  it("speaks each endpoint's own error format", async () => {
    await t.control.addFault({ endpoint: 'token', mode: 'status', status: 503 });
    await t.control.addFault({ endpoint: 'authorize', mode: 'status', status: 500 });
    await t.control.addFault({ endpoint: 'identity', mode: 'status', status: 401 });

    const token = await refresh(t.baseUrl, tokens.refresh_token);
    const consent = await getConsent(t.baseUrl);
    const identity = await getWithToken(t.apizBaseUrl, '/commerce/identity/v1/user/', tokens.access_token);

    expect(token.status).toBe(503);
    expect(await token.json()).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'The authorization server is currently unable to handle the request.',
    });
    expect(consent.status).toBe(500);
    expect(await consent.json()).toMatchObject({ error_id: 'temporarily_unavailable', http_status_code: 500 });
    expect((await ebayError(identity)).errorId).toBe(1001);
  });

  it('sends a given body instead of the default one', async () => {
    const body = { error: 'invalid_grant', error_description: 'the provided authorization refresh token is invalid or was issued to another client' };
    await t.control.addFault({ endpoint: 'token', mode: 'status', status: 400, body });

    const response = await refresh(t.baseUrl, tokens.refresh_token);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(body);
  });

  it('applies a token fault to one grant type only and counts grants by type', async () => {
    await t.control.addFault({ endpoint: 'token', grantType: 'refresh_token', mode: 'status', status: 500, count: 1 });

    const exchange = await exchangeCode(t.baseUrl, await approve(t.baseUrl));
    const failedRefresh = await refresh(t.baseUrl, tokens.refresh_token);
    const secondRefresh = await refresh(t.baseUrl, tokens.refresh_token);
    const app = await postToken(t.baseUrl, { form: { grant_type: 'client_credentials', scope: EBAY_SCOPES.public } });
    await postToken(t.baseUrl, { form: 'grant_type=password' });
    await postToken(t.baseUrl, { contentType: 'application/json', form: '{"grant_type":"refresh_token"}' });

    expect([exchange.status, failedRefresh.status, secondRefresh.status, app.status]).toEqual([200, 500, 200, 200]);
    const stats: EmulatorStats = await t.control.stats();
    expect(stats.tokenGrants).toEqual({ authorization_code: 1, refresh_token: 2, client_credentials: 1, other: 2 });
    expect(stats.calls.token).toBe(6);
    expect(stats.faultsInjected.token).toBe(1);
  });

  it('holds a call for the hang delay, then answers it normally', async () => {
    await t.control.addFault({ endpoint: 'orders', mode: 'hang', delayMs: 300 });

    const startedAt = performance.now();
    const response = await getOrders();

    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(290);
    expect(response.status).toBe(200);
  });

  it('lets a client time out on a hanging call', async () => {
    await t.control.addFault({ endpoint: 'identity', mode: 'hang', delayMs: 5_000 });

    const call = fetch(`${t.apizBaseUrl}/commerce/identity/v1/user/`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
      signal: AbortSignal.timeout(100),
    });

    await expect(call).rejects.toThrow(/timeout|aborted/i);
  });

  it('drops the connection without an answer, then serves the next call', async () => {
    await t.control.addFault({ endpoint: 'orders', mode: 'close' });

    await expect(getOrders()).rejects.toThrow(/fetch failed/);
    expect((await getOrders()).status).toBe(200);
  });

  it('answers malformed JSON with a JSON content type', async () => {
    await t.control.addFault({ endpoint: 'token', mode: 'malformed' });

    const response = await refresh(t.baseUrl, tokens.refresh_token);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('fails exactly floor(n × fraction) of n calls for a fraction fault, until it is cleared', async () => {
    await t.control.addFault({ endpoint: 'orders', mode: 'status', status: 503, fraction: 0.25 });

    const statuses: number[] = [];
    for (let call = 0; call < 8; call++) statuses.push((await getOrders()).status);
    await t.control.clearFaults();
    const afterClear = await getOrders();

    expect(statuses).toEqual([200, 200, 200, 503, 200, 200, 200, 503]);
    expect(afterClear.status).toBe(200);
  });

  it('lists faults with what is left of them and removes one by id', async () => {
    const kept = await t.control.addFault({ endpoint: 'transactions', mode: 'close', count: 3 });
    const removed = await t.control.addFault({ endpoint: 'identity', mode: 'malformed', fraction: 0.5 });

    await t.control.removeFault(removed.id);

    expect(await t.control.faults()).toEqual([{ ...kept, injected: 0, remaining: 3 }]);
    await expect(t.control.removeFault(removed.id)).rejects.toThrow(/404/);
  });

  it.each([
    ['a typo in a field name', { endpoint: 'orders', mode: 'close', cout: 2 }],
    ['an unknown endpoint', { endpoint: 'payouts', mode: 'close' }],
    ['a grant type on a REST endpoint', { endpoint: 'orders', grantType: 'refresh_token', mode: 'close' }],
    ['both count and fraction', { endpoint: 'orders', mode: 'close', count: 1, fraction: 0.5 }],
    ['a status fault without a status', { endpoint: 'orders', mode: 'status' }],
    ['a hang without a delay', { endpoint: 'orders', mode: 'hang' }],
  ])('refuses a fault with %s', async (_case, fault) => {
    const response = await fetch(`${t.baseUrl}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_input' });
  });

  it('adds the base latency to eBay calls but not to control calls', async () => {
    await t.control.setLatency(150);

    let startedAt = performance.now();
    await getOrders();
    const ebayMs = performance.now() - startedAt;
    startedAt = performance.now();
    await t.control.stats();
    const controlMs = performance.now() - startedAt;

    expect(ebayMs).toBeGreaterThanOrEqual(140);
    expect(controlMs).toBeLessThan(140);
  });
});

describe('emulator: close()', () => {
  it('returns promptly while a call hangs, fails that call, and may be called twice', async () => {
    const t = await startTestEmulator();
    const { access_token } = await connectSeller(t.baseUrl);
    await t.control.addFault({ endpoint: 'orders', mode: 'hang', delayMs: 60_000 });
    const hanging = getWithToken(t.baseUrl, '/sell/fulfillment/v1/order', access_token);
    const settled = hanging.then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));

    const startedAt = performance.now();
    await t.emulator.close();

    expect(performance.now() - startedAt).toBeLessThan(1_000);
    expect(await settled).toBe('failed');
    await t.emulator.close();
  });
});
