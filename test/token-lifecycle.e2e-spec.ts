import type { RunningEmulator } from '../src/emulator';
import { EbayApiError } from '../src/ebay/ebay.errors';
import { EbayApiClient } from '../src/tokens/ebay-api.client';
import { TokenCipher } from '../src/tokens/token-cipher';
import { tokenContext } from '../src/tokens/token-context';
import { TokenRefreshScheduler } from '../src/tokens/token-refresh.scheduler';
import { TokenService } from '../src/tokens/token.service';
import { ReauthRequiredError } from '../src/tokens/tokens.errors';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

const IDENTITY = '/commerce/identity/v1/user/';
const ORDERS = '/sell/fulfillment/v1/order';

describe('keeping tokens valid', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  let user: SignedInUser;
  let tokens: TokenService;
  let ebayApi: EbayApiClient;

  /** Makes the stored access token of an account expire within the refresh margin. */
  async function expireSoon(accountId: string, seconds = 60): Promise<void> {
    await withDatabase(t.database.url, (client) =>
      client.query(`UPDATE ebay_tokens SET expires_at = now() + make_interval(secs => $2) WHERE ebay_account_id = $1`, [
        accountId,
        seconds,
      ]),
    );
  }

  /** Token values this file has seen, to look for in the logs at the end. */
  const seen = new Set<string>();

  async function refreshCalls(): Promise<number> {
    return (await control.stats()).tokenGrants.refresh_token;
  }

  async function tokenRow(accountId: string): Promise<Record<string, unknown>> {
    const result = await withDatabase(t.database.url, (client) =>
      client.query('SELECT * FROM ebay_tokens WHERE ebay_account_id = $1', [accountId]),
    );
    return result.rows[0] as Record<string, unknown>;
  }

  async function decryptedTokens(accountId: string): Promise<{ accessToken: string; refreshToken: string }> {
    const row = await tokenRow(accountId);
    const cipher = t.app.get(TokenCipher);
    return {
      accessToken: cipher.decrypt(row.access_token as string, tokenContext(accountId, 'access_token')),
      refreshToken: cipher.decrypt(row.refresh_token as string, tokenContext(accountId, 'refresh_token')),
    };
  }

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    t = await startConnectedApp(emulator);
    user = await registerAndLogin(t.http);
    tokens = t.app.get(TokenService);
    ebayApi = t.app.get(EbayApiClient);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });
  beforeEach(async () => {
    await control.clearFaults();
    await control.setLatency(0);
  });

  it('hands out the stored token without asking eBay while it is valid', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_one' });
    const before = await refreshCalls();

    const token = await tokens.getAccessToken(account.id);
    await expect(ebayApi.get(account.id, IDENTITY, { action: 'getUser', host: 'apiz' })).resolves.toMatchObject({
      username: 'seller_one',
    });

    expect(token).toMatch(/^v\^1\.1#/);
    expect(await refreshCalls()).toBe(before);
  });

  it('refreshes a token past its margin before handing it out, keeping the refresh token', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_one' });
    const stored = await decryptedTokens(account.id);
    await expireSoon(account.id);
    const before = await refreshCalls();

    const fresh = await tokens.getAccessToken(account.id);

    expect(fresh).not.toBe(stored.accessToken);
    expect(await refreshCalls()).toBe(before + 1);
    const row = await tokenRow(account.id);
    expect((row.expires_at as Date).getTime() - Date.now()).toBeGreaterThan(7000 * 1000);
    expect(row).toMatchObject({ refresh_failures: 0, refresh_error: null, status: 'active' });
    // eBay sent no refresh token back: the one from the consent stays.
    expect(await decryptedTokens(account.id)).toEqual({ accessToken: fresh, refreshToken: stored.refreshToken });
  });

  it('refreshes once when 100 callers meet an expired token at the same time', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_three' });
    await expireSoon(account.id, -60);
    await control.setLatency(100);
    const before = await refreshCalls();

    const handedOut = await Promise.all(Array.from({ length: 100 }, () => tokens.getAccessToken(account.id)));
    handedOut.forEach((token) => seen.add(token));

    expect(new Set(handedOut).size).toBe(1);
    expect(await refreshCalls()).toBe(before + 1);
  });

  it('refreshes once and retries once when eBay answers 401, then succeeds', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_one' });
    await tokens.getAccessToken(account.id);
    await control.invalidateAccessTokens('seller_one');
    const before = await control.stats();

    const user1 = await ebayApi.get<{ username: string }>(account.id, IDENTITY, { action: 'getUser', host: 'apiz' });

    const after = await control.stats();
    expect(user1.username).toBe('seller_one');
    expect(after.tokenGrants.refresh_token - before.tokenGrants.refresh_token).toBe(1);
    expect(after.calls.identity - before.calls.identity).toBe(2);
  });

  it('treats 403 with errorId 1100 like an expired token: one refresh, one retry', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_one' });
    await tokens.getAccessToken(account.id);
    await control.addFault({
      endpoint: 'orders',
      mode: 'status',
      status: 403,
      count: 1,
      body: { errors: [{ errorId: 1100, domain: 'ACCESS', category: 'REQUEST', message: 'Access denied' }] },
    });
    const before = await control.stats();

    const orders = await ebayApi.get<{ total: number }>(account.id, ORDERS, { action: 'getOrders', query: { limit: 1 } });

    const after = await control.stats();
    expect(orders.total).toBeGreaterThan(0);
    expect(after.tokenGrants.refresh_token - before.tokenGrants.refresh_token).toBe(1);
    expect(after.calls.orders - before.calls.orders).toBe(2);
  });

  it('does not refresh again when the retried call is refused too', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_one' });
    await control.addFault({ endpoint: 'identity', mode: 'status', status: 401, count: 5 });
    const before = await control.stats();

    const error = await ebayApi.get(account.id, IDENTITY, { action: 'getUser', host: 'apiz' }).catch((e: unknown) => e);

    const after = await control.stats();
    expect(error).toBeInstanceOf(EbayApiError);
    expect((error as EbayApiError).message).not.toMatch(/v\^1\.1/);
    expect(after.tokenGrants.refresh_token - before.tokenGrants.refresh_token).toBe(1);
    expect(after.calls.identity - before.calls.identity).toBe(2);
  });

  it('retries 5xx and 429 with backoff, honouring Retry-After, up to a bound', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_one' });
    await tokens.getAccessToken(account.id);

    await control.addFault({ endpoint: 'orders', mode: 'status', status: 503, count: 2 });
    await control.addFault({ endpoint: 'orders', mode: 'status', status: 429, retryAfterSeconds: 1, count: 1 });
    let before = await control.stats();
    await expect(ebayApi.get(account.id, ORDERS, { action: 'getOrders', query: { limit: 1 } })).resolves.toBeDefined();
    let after = await control.stats();
    expect(after.calls.orders - before.calls.orders).toBe(4);

    await control.addFault({ endpoint: 'orders', mode: 'status', status: 500, count: 10 });
    before = await control.stats();
    const error = await ebayApi.get(account.id, ORDERS, { action: 'getOrders' }).catch((e: unknown) => e);
    after = await control.stats();
    expect(error).toMatchObject({ kind: 'unavailable', failureKind: 'transient' });
    expect(after.calls.orders - before.calls.orders).toBe(4);
    expect(after.tokenGrants.refresh_token - before.tokenGrants.refresh_token).toBe(0);
  });

  it('does not retry a refused request and says what eBay said', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_one' });
    const before = await control.stats();

    const error = await ebayApi
      .get(account.id, ORDERS, { action: 'getOrders', query: { filter: 'colour:[red]' } })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'bad_gateway', code: 'ebay_error_30700' });
    expect((await control.stats()).calls.orders - before.calls.orders).toBe(1);
  });

  it('marks an account reauth_required when eBay revokes its refresh token, and stops refreshing it', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_two' });
    await control.revokeRefreshTokens('seller_two');
    await expireSoon(account.id, -60);

    await expect(tokens.getAccessToken(account.id)).rejects.toBeInstanceOf(ReauthRequiredError);
    const refreshes = await refreshCalls();

    const shown = await t.http.get(`/api/ebay-accounts/${account.id}`).set(user.auth).expect(200);
    expect(shown.body).toMatchObject({
      status: 'reauth_required',
      token: { refreshError: expect.stringContaining('invalid_grant'), refreshFailures: 1 },
    });
    const forced = await t.http.post(`/api/ebay-accounts/${account.id}/refresh-token`).set(user.auth).expect(409);
    expect(forced.body.code).toBe('reauth_required');
    await expect(tokens.getAccessToken(account.id)).rejects.toBeInstanceOf(ReauthRequiredError);
    await withDatabase(t.database.url, (client) =>
      client.query(`UPDATE ebay_tokens SET next_refresh_at = now() - interval '1 hour' WHERE ebay_account_id = $1`, [account.id]),
    );
    await t.app.get(TokenRefreshScheduler).runOnce();
    expect(await refreshCalls()).toBe(refreshes);

    // Reconnecting brings it back.
    const reconnected = await connectAccount(t, user, { ebayUser: 'seller_two' });
    expect(reconnected).toMatchObject({ id: account.id, status: 'active', token: { refreshError: null, refreshFailures: 0 } });
  });

  it('records a transient refresh failure, answers 503 with Retry-After, and backs off', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_three' });
    await control.addFault({ endpoint: 'token', grantType: 'refresh_token', mode: 'status', status: 503, count: 1 });

    const response = await t.http.post(`/api/ebay-accounts/${account.id}/refresh-token`).set(user.auth).expect(503);

    expect(response.body.code).toBe('ebay_unavailable');
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(15);
    const row = await tokenRow(account.id);
    expect(row).toMatchObject({ refresh_failures: 1, status: 'active', refresh_error: expect.stringContaining('503') });
    const retryInMs = (row.next_refresh_at as Date).getTime() - Date.now();
    expect(retryInMs).toBeGreaterThan(10_000);
    expect(retryInMs).toBeLessThanOrEqual(31_000);

    const recovered = await t.http.post(`/api/ebay-accounts/${account.id}/refresh-token`).set(user.auth).expect(200);
    expect(recovered.body).toMatchObject({ refreshFailures: 0, refreshError: null });
  });

  it('waits as long as eBay’s Retry-After says before the refresher tries a token again', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_three' });
    await withDatabase(t.database.url, (client) =>
      client.query(
        `UPDATE ebay_tokens SET expires_at = now() + interval '5 minutes', next_refresh_at = now() - interval '1 second'
          WHERE ebay_account_id = $1`,
        [account.id],
      ),
    );
    await control.addFault({
      endpoint: 'token',
      grantType: 'refresh_token',
      mode: 'status',
      status: 429,
      retryAfterSeconds: 3600,
      count: 1,
    });
    const before = await refreshCalls();

    const report = await t.app.get(TokenRefreshScheduler).runOnce();

    expect(report).toMatchObject({ claimed: 1, refreshed: 0, failed: 1 });
    expect(await refreshCalls()).toBe(before + 1);
    const retryInSeconds = ((await tokenRow(account.id)).next_refresh_at as Date).getTime() / 1000 - Date.now() / 1000;
    expect(retryInSeconds).toBeGreaterThan(3590);
    expect(retryInSeconds).toBeLessThanOrEqual(3600);
    // The next runs leave it alone until then.
    await t.app.get(TokenRefreshScheduler).runOnce();
    expect(await refreshCalls()).toBe(before + 1);
  });

  it('wrote none of the tokens it handled to its logs, through refreshes, retries and failures', async () => {
    const rows = await withDatabase(t.database.url, (client) =>
      client.query('SELECT ebay_account_id FROM ebay_tokens WHERE refresh_token IS NOT NULL'),
    );
    for (const { ebay_account_id: accountId } of rows.rows as { ebay_account_id: string }[]) {
      const stored = await decryptedTokens(accountId);
      seen.add(stored.accessToken).add(stored.refreshToken);
    }

    expect(seen.size).toBeGreaterThan(5);
    expect(t.logs.text).toMatch(/Token refresh failed; will retry/);
    for (const token of seen) expect(t.logs.text).not.toContain(token.slice(-24));
  });
});
