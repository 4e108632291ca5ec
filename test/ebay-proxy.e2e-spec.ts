import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiCallRecorder } from '../src/ebay-proxy/api-call-recorder';
import type { RunningEmulator } from '../src/emulator';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

/**
 * The eBay proxy over the real HTTP stack, against the emulator: what goes out, what comes
 * back, eBay's retry rules, and what is refused before anything reaches eBay.
 */
describe('the eBay proxy', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  let alice: SignedInUser;
  let account: { id: string };

  /** What reached eBay's api host, recorded in front of the emulator. */
  const seen: { url?: string; headers: Record<string, string | string[] | undefined> }[] = [];
  let recorder: Server;

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    recorder = await recordingFrontOf(emulator.baseUrl, seen);
    t = await startConnectedApp(emulator, {
      env: {
        EBAY_API_BASE_URL: `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`,
        EBAY_PROXY_MAX_BODY_BYTES: '2048',
        EBAY_PROXY_TIMEOUT_MS: '1500',
        EBAY_PROXY_MAX_CONCURRENT_PER_ACCOUNT: '3',
      },
    });
    alice = await registerAndLogin(t.http);
    account = await connectAccount(t, alice, { ebayUser: 'seller_one' });
  });

  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => recorder?.close(resolve));
    await emulator?.close();
  });

  afterEach(async () => {
    await control.clearFaults();
  });

  function proxied(path: string) {
    return `/api/ebay-accounts/${account.id}/ebay/${path}`;
  }

  async function ordersCalls(): Promise<number> {
    return (await control.stats()).calls.orders;
  }

  it('GETs eBay’s answer as eBay sent it, with eBay’s headers and the upstream mark', async () => {
    const before = await ordersCalls();

    const response = await t.http.get(proxied('sell/fulfillment/v1/order?limit=5')).set(alice.auth).expect(200);

    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['x-ebay-connect-upstream']).toBe('ebay');
    expect(response.body.limit).toBe(5);
    expect(response.body.orders).toHaveLength(5);
    expect(await ordersCalls()).toBe(before + 1);
    // Audit rows are stored in batches (ApiCallRecorder); this one's batch is written now.
    await t.app.get(ApiCallRecorder).flush();
    const rows = await withDatabase(t.database.url, (client) =>
      client.query('SELECT method, path, status, attempts FROM ebay_api_calls WHERE ebay_account_id = $1', [account.id]),
    );
    expect(rows.rows).toContainEqual({ method: 'GET', path: '/sell/fulfillment/v1/order?limit', status: 200, attempts: 1 });
  });

  it('meets eBay’s 401 with one refresh and one retry', async () => {
    await control.invalidateAccessTokens('seller_one');
    const before = await control.stats();

    await t.http.get(proxied('sell/fulfillment/v1/order?limit=1')).set(alice.auth).expect(200);

    const after = await control.stats();
    expect(after.calls.orders - before.calls.orders).toBe(2);
    expect(after.tokenGrants.refresh_token - before.tokenGrants.refresh_token).toBe(1);
  });

  it('waits out a short 429 on GET once, and hands a long one back at once with Retry-After', async () => {
    await control.addFault({ endpoint: 'orders', mode: 'status', status: 429, retryAfterSeconds: 1 });
    const before = await ordersCalls();
    await t.http.get(proxied('sell/fulfillment/v1/order?limit=1')).set(alice.auth).expect(200);
    expect(await ordersCalls()).toBe(before + 2);

    await control.addFault({ endpoint: 'orders', mode: 'status', status: 429, retryAfterSeconds: 30 });
    const long = await t.http.get(proxied('sell/fulfillment/v1/order?limit=1')).set(alice.auth).expect(429);
    expect(long.headers['retry-after']).toBe('30');
    expect(long.headers['x-ebay-connect-upstream']).toBe('ebay');
    expect(long.body.errors[0].errorId).toBe(2001);
    expect(await ordersCalls()).toBe(before + 3);
  });

  it('tries a GET up to twice more on 5xx and lost connections, then hands eBay’s answer back', async () => {
    await control.addFault({ endpoint: 'orders', mode: 'status', status: 503, count: 2 });
    const before = await ordersCalls();
    await t.http.get(proxied('sell/fulfillment/v1/order?limit=1')).set(alice.auth).expect(200);
    expect(await ordersCalls()).toBe(before + 3);

    await control.addFault({ endpoint: 'orders', mode: 'status', status: 500, count: 3 });
    const failed = await t.http.get(proxied('sell/fulfillment/v1/order?limit=1')).set(alice.auth).expect(500);
    expect(failed.headers['x-ebay-connect-upstream']).toBe('ebay');
    expect(failed.body.errors[0].errorId).toBe(2003);

    await control.addFault({ endpoint: 'orders', mode: 'close', count: 3 });
    const unreachable = await t.http.get(proxied('sell/fulfillment/v1/order?limit=1')).set(alice.auth).expect(502);
    expect(unreachable.body).toMatchObject({ code: 'ebay_unreachable', requestId: expect.any(String) });
    expect(unreachable.headers['x-ebay-connect-upstream']).toBeUndefined();
    expect(await ordersCalls()).toBe(before + 9);
  });

  it('answers 504 when eBay takes longer than EBAY_PROXY_TIMEOUT_MS, without trying again', async () => {
    await control.addFault({ endpoint: 'orders', mode: 'hang', delayMs: 2500 });
    const before = await ordersCalls();

    const response = await t.http.get(proxied('sell/fulfillment/v1/order?limit=1')).set(alice.auth).expect(504);

    expect(response.body.code).toBe('ebay_timeout');
    expect(await ordersCalls()).toBe(before + 1);
  });

  it.each([
    ['identity/v1/oauth2/token', 403],
    ['developer/key_management/v1/signing_key', 403],
    ['ws/api.dll', 403],
    ['sell/%2e%2e/identity/v1/oauth2/token', 400],
    ['sell/fulfillment%2Fv1/order', 400],
    ['sell/..%5cidentity', 400],
    ['sell/fulfillment/v1/order@evil.example', 400],
  ])('refuses %s with %i and sends nothing to eBay', async (path, status) => {
    const before = await control.stats();

    const response = await t.http.get(proxied(path)).set(alice.auth).expect(status);

    expect(response.body).toMatchObject({ statusCode: status, requestId: expect.any(String) });
    expect(response.headers['x-ebay-connect-upstream']).toBeUndefined();
    expect(await control.stats()).toEqual(before);
  });

  it('sends eBay only its own headers, never the caller’s JWT or cookies', async () => {
    seen.length = 0;

    await t.http
      .get(proxied('sell/fulfillment/v1/order?limit=1'))
      .set(alice.auth)
      .set('Cookie', 'session=secret')
      .set('X-Forwarded-For', '10.0.0.1')
      .set('Accept-Language', 'en-GB')
      .set('X-Ebay-C-Enduserctx', 'affiliateCampaignId=1')
      .expect(200);

    const sent = seen.find((request) => request.url?.startsWith('/sell/fulfillment/v1/order'));
    expect(Object.keys(sent?.headers ?? {}).sort()).toEqual(
      ['accept', 'accept-encoding', 'accept-language', 'authorization', 'connection', 'host', 'user-agent', 'x-ebay-c-enduserctx', 'x-ebay-c-marketplace-id'].sort(),
    );
    expect(sent?.headers.authorization).toMatch(/^Bearer v\^1\.1#/);
    expect(sent?.headers.authorization).not.toBe(alice.auth.Authorization);
    expect(sent?.headers['x-ebay-c-marketplace-id']).toBe('EBAY_US');
    // supertest asks for gzip; eBay's bytes come back in it untouched.
    expect(sent?.headers['accept-encoding']).toMatch(/gzip/);
  });

  it('refuses another organisation’s account with 404, a body over the limit with 413, and a revoked account with 409', async () => {
    const mallory = await registerAndLogin(t.http);
    const before = await control.stats();
    await t.http.get(proxied('sell/fulfillment/v1/order')).set(mallory.auth).expect(404);
    const tooBig = await t.http
      .put(proxied('sell/inventory/v1/inventory_item/SKU1'))
      .set(alice.auth)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ product: { title: 'x'.repeat(3000) } }))
      .expect(413);
    expect(tooBig.body.code).toBe('body_too_large');
    expect(await control.stats()).toEqual(before);

    const revoked = await connectAccount(t, alice, { ebayUser: 'seller_three' });
    await control.revokeRefreshTokens('seller_three');
    await control.invalidateAccessTokens('seller_three');
    await t.http.post(`/api/ebay-accounts/${revoked.id}/refresh-token`).set(alice.auth).expect(409);
    const refused = await t.http.get(`/api/ebay-accounts/${revoked.id}/ebay/sell/fulfillment/v1/order`).set(alice.auth).expect(409);
    expect(refused.body.code).toBe('reauth_required');
  });

  it('calls eBay for an administrator on any organisation’s account, and for nobody once it is disconnected', async () => {
    // alice registered first in this database: she is its administrator.
    const mallory = await registerAndLogin(t.http);
    const quiet = await connectAccount(t, mallory, { ebayUser: 'seller_quiet' });
    const path = `/api/ebay-accounts/${quiet.id}/ebay/sell/fulfillment/v1/order?limit=1`;
    const asAdmin = await t.http.get(path).set(alice.auth).expect(200);
    expect(asAdmin.headers['x-ebay-connect-upstream']).toBe('ebay');

    await t.http.delete(`/api/ebay-accounts/${quiet.id}`).set(mallory.auth).expect(200);
    const before = await ordersCalls();
    for (const caller of [mallory, alice]) {
      const refused = await t.http.get(path).set(caller.auth).expect(409);
      expect(refused.body.code).toBe('not_connected');
      expect(refused.headers['x-ebay-connect-upstream']).toBeUndefined();
    }
    expect(await ordersCalls()).toBe(before);
  });

  it('lists the account’s proxied calls newest first, never a query value, and only to its organisation', async () => {
    for (const offset of [5, 6, 7]) {
      await t.http.get(proxied(`sell/fulfillment/v1/order?limit=2&offset=${offset}`)).set(alice.auth).expect(200);
    }

    const page = await t.http.get(`/api/ebay-accounts/${account.id}/api-calls`).query({ limit: 2 }).set(alice.auth).expect(200);

    expect(page.body.items[0]).toMatchObject({
      method: 'GET',
      path: '/sell/fulfillment/v1/order?limit&offset',
      status: 200,
      attempts: 1,
      userId: alice.id,
      bytesIn: 0,
    });
    expect(page.body.items[0].bytesOut).toBeGreaterThan(100);
    expect(JSON.stringify(page.body)).not.toMatch(/offset=7|limit=2/);
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    const next = await t.http.get(`/api/ebay-accounts/${account.id}/api-calls`).query({ limit: 2, after: page.body.nextCursor }).set(alice.auth).expect(200);
    expect(next.body.items[0].calledAt <= page.body.items[1].calledAt).toBe(true);
    const mallory = await registerAndLogin(t.http);
    await t.http.get(`/api/ebay-accounts/${account.id}/api-calls`).set(mallory.auth).expect(404);
  });

  it('PUTs a body, GETs it back and DELETEs it, as eBay answers each', async () => {
    const item = { availability: { shipToLocationAvailability: { quantity: 3 } }, condition: 'NEW', product: { title: 'A thing' } };

    const put = await t.http
      .put(proxied('sell/inventory/v1/inventory_item/SKU-1'))
      .set(alice.auth)
      .set('content-type', 'application/json')
      .set('content-language', 'en-US')
      .send(JSON.stringify(item))
      .expect(204);
    expect(put.headers['x-ebay-connect-upstream']).toBe('ebay');
    const got = await t.http.get(proxied('sell/inventory/v1/inventory_item/SKU-1')).set(alice.auth).expect(200);
    expect(got.body).toMatchObject({ sku: 'SKU-1', ...item });
    // eBay refuses a PUT without Content-Language: its 400, relayed.
    const refused = await t.http
      .put(proxied('sell/inventory/v1/inventory_item/SKU-2'))
      .set(alice.auth)
      .set('content-type', 'application/json')
      .send(JSON.stringify(item))
      .expect(400);
    expect(refused.headers['x-ebay-connect-upstream']).toBe('ebay');
    await t.http.delete(proxied('sell/inventory/v1/inventory_item/SKU-1')).set(alice.auth).expect(204);
    const gone = await t.http.get(proxied('sell/inventory/v1/inventory_item/SKU-1')).set(alice.auth).expect(404);
    expect(gone.body.errors[0].errorId).toBe(25710);
  });

  it('never sends a POST twice on a 5xx', async () => {
    const [order] = await control.orders('seller_one');
    await control.addFault({ endpoint: 'issueRefund', mode: 'status', status: 503, count: 3 });
    const before = (await control.stats()).calls.issueRefund;

    const response = await t.http
      .post(proxied(`sell/fulfillment/v1/order/${order.orderId}/issue_refund`))
      .set(alice.auth)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ reasonForRefund: 'BUYER_CANCEL', orderLevelRefundAmount: { value: '1.00', currency: 'USD' } }))
      .expect(503);

    expect(response.headers['x-ebay-connect-upstream']).toBe('ebay');
    expect((await control.stats()).calls.issueRefund - before).toBe(1);
  });

  it('signs a UK seller’s Finances call, which the emulator accepts, and relays eBay’s refusal when the key is not eBay’s', async () => {
    const uk = await connectAccount(t, alice, { ebayUser: 'seller_two' });
    const finances = `/api/ebay-accounts/${uk.id}/ebay/sell/finances/v1/transaction?limit=5`;

    const signed = await t.http.get(finances).set(alice.auth).expect(200);
    expect(signed.headers['x-ebay-connect-upstream']).toBe('ebay');
    expect(signed.body.transactions.length).toBeGreaterThan(0);
    // Finances is on the apiz host: nothing of it went to the api host the recorder fronts.
    expect(seen.some((request) => request.url?.startsWith('/sell/finances'))).toBe(false);

    const [key] = await control.signingKeys();
    await control.forgetSigningKey(key.signingKeyId);
    const refused = await t.http.get(finances).set(alice.auth).expect(400);
    expect(refused.headers['x-ebay-connect-upstream']).toBe('ebay');
    expect(refused.body.errors[0].errorId).toBe(215120);
    expect((await control.stats()).signingKeysCreated).toBe(1);
  });

  it('answers eBay’s rate limits for the account and, to administrators, for the app', async () => {
    await t.http.get(proxied('sell/fulfillment/v1/order?limit=1')).set(alice.auth).expect(200);

    const limits = await t.http.get(`/api/ebay-accounts/${account.id}/rate-limits`).query({ api_context: 'sell' }).set(alice.auth).expect(200);

    expect(limits.body.rateLimits.length).toBeGreaterThan(0);
    expect(limits.body.rateLimits.every((api: { apiContext: string }) => api.apiContext === 'sell')).toBe(true);
    const fulfillment = limits.body.rateLimits.find((api: { apiName: string }) => /fulfillment/i.test(api.apiName));
    expect(fulfillment.resources[0].rates[0].count).toBeGreaterThan(0);
    await t.http.get(`/api/ebay-accounts/${account.id}/rate-limits`).query({ api_context: 'nope' }).set(alice.auth).expect(400);
    // alice registered first in this database: she is its administrator; mallory is not.
    expect(alice.isAdmin).toBe(true);
    const app = await t.http.get('/api/admin/ebay/rate-limits').set(alice.auth).expect(200);
    expect(app.body.rateLimits.length).toBeGreaterThan(0);
    const mallory = await registerAndLogin(t.http);
    await t.http.get('/api/admin/ebay/rate-limits').set(mallory.auth).expect(403);
  });

  it('holds one account to EBAY_PROXY_MAX_CONCURRENT_PER_ACCOUNT calls at once', async () => {
    await control.setLatency(400);
    try {
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => t.http.get(proxied('sell/fulfillment/v1/order?limit=1')).set(alice.auth).then((r) => r)),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = responses.find((response) => response.status === 429);
      expect(refused?.headers['retry-after']).toBe('1');
      expect(refused?.body.code).toBe('too_many_concurrent_calls');
    } finally {
      await control.setLatency(0);
    }
  });
});

/** An HTTP server that notes each request's URL and headers, then passes it to `target`. */
async function recordingFrontOf(
  target: string,
  seen: { url?: string; headers: Record<string, string | string[] | undefined> }[],
): Promise<Server> {
  const { hostname, port } = new URL(target);
  const server = createServer((incoming, outgoing) => {
    seen.push({ url: incoming.url, headers: { ...incoming.headers } });
    const upstream = httpRequest({ hostname, port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
