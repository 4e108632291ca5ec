import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from '../src/emulator';
import { EbayApiClient } from '../src/tokens/ebay-api.client';
import { TokenRefreshScheduler } from '../src/tokens/token-refresh.scheduler';
import { TokenCipher } from '../src/tokens/token-cipher';
import { tokenContext } from '../src/tokens/token-context';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import { parsePrometheusText, type PrometheusScrape } from './support/prometheus-text';
import { startTestApp, type TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

const IDENTITY = '/commerce/identity/v1/user/';
const REQUESTS = 'ebay_connect_http_requests_total';
const EBAY_CALLS = 'ebay_connect_ebay_api_requests_total';
const GRANTS = 'ebay_connect_ebay_token_grants_total';

async function scrape(t: TestApp): Promise<PrometheusScrape> {
  const response = await t.http.get('/metrics').expect(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(response.text);
}

describe('GET /metrics', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  let user: SignedInUser;
  let account: Record<string, unknown> & { id: string };

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    t = await startConnectedApp(emulator);
    user = await registerAndLogin(t.http);
    account = await connectAccount(t, user, { ebayUser: 'seller_one' });
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });
  beforeEach(async () => {
    await control.clearFaults();
  });

  it('answers Prometheus text without a JWT: HELP and TYPE for every family, the process metrics among them', async () => {
    const metrics = await scrape(t);

    expect(metrics.families.get('ebay_connect_process_cpu_user_seconds_total')).toMatchObject({ type: 'counter' });
    expect(metrics.families.get('ebay_connect_nodejs_eventloop_lag_seconds')).toMatchObject({ type: 'gauge' });
    expect(metrics.families.get('ebay_connect_process_resident_memory_bytes')).toMatchObject({ type: 'gauge' });
    expect(metrics.families.get(REQUESTS)).toMatchObject({ type: 'counter', help: expect.stringMatching(/route template/) });
    expect(metrics.families.get('ebay_connect_http_request_duration_seconds')).toMatchObject({ type: 'histogram' });
    // Defined for the refresher, which records them.
    expect(metrics.families.get('ebay_connect_token_refresh_attempts_total')).toMatchObject({ type: 'counter' });
    expect(metrics.families.get('ebay_connect_token_refresh_duration_seconds')).toMatchObject({ type: 'histogram' });
    expect([...metrics.families.keys()].every((name) => name.startsWith('ebay_connect_'))).toBe(true);
  });

  it('counts requests by route template: the id in a URL is never a label', async () => {
    const route = { method: 'GET', route: '/api/ebay-accounts/:id' };
    const before = await scrape(t);

    await t.http.get(`/api/ebay-accounts/${account.id}`).set(user.auth).expect(200);
    await t.http.get(`/api/ebay-accounts/${account.id}`).set(user.auth).expect(200);
    await t.http.get(`/api/ebay-accounts/${randomUUID()}`).set(user.auth).expect(404);
    await t.http.get(`/api/ebay-accounts/${account.id}`).expect(401);
    const after = await scrape(t);

    expect(after.value(REQUESTS, { ...route, status: '200' }) - before.value(REQUESTS, { ...route, status: '200' })).toBe(2);
    expect(after.value(REQUESTS, { ...route, status: '404' }) - before.value(REQUESTS, { ...route, status: '404' })).toBe(1);
    expect(after.value(REQUESTS, { ...route, status: '401' }) - before.value(REQUESTS, { ...route, status: '401' })).toBe(1);
    const durations = 'ebay_connect_http_request_duration_seconds_count';
    expect(after.value(durations, { ...route, status: '200' }) - before.value(durations, { ...route, status: '200' })).toBe(2);
    // The scrape itself is a route too.
    expect(after.value(REQUESTS, { method: 'GET', route: '/metrics', status: '200' })).toBeGreaterThanOrEqual(1);
  });

  it('counts unknown URLs, and requests refused before any route, under the one route `unmatched`', async () => {
    const routesBefore = new Set((await scrape(t)).samples.map((sample) => sample.labels.route));
    const unmatched = (status: string) => ({ method: 'GET', route: 'unmatched', status });
    const before = await scrape(t);

    // Outside the prefix, under it, and under a path excluded from it (Nest answers each differently).
    const probes = Array.from({ length: 30 }, () => `/${randomUUID()}/wp-login.php`);
    for (const path of probes.slice(0, 10)) await t.http.get(path).expect(404);
    for (const path of probes.slice(10, 20)) await t.http.get(`/api${path}`).expect(404);
    for (const path of probes.slice(20)) await t.http.get(`/health${path}`).expect(404);
    await t.http.delete('/health/live').expect(404);
    await t.http.get(`/api/ebay-accounts?${'x'.repeat(9000)}`).expect(414);
    const after = await scrape(t);

    expect(after.value(REQUESTS, unmatched('404')) - before.value(REQUESTS, unmatched('404'))).toBe(30);
    expect(after.value(REQUESTS, { method: 'DELETE', route: 'unmatched', status: '404' })).toBe(1);
    expect(after.value(REQUESTS, unmatched('414')) - before.value(REQUESTS, unmatched('414'))).toBe(1);
    const routesAfter = new Set(after.samples.map((sample) => sample.labels.route));
    expect([...routesAfter].filter((route) => !routesBefore.has(route) && route !== 'unmatched')).toEqual([]);
  });

  it('counts each HTTP attempt at eBay by operation and status, and token grants by grant type', async () => {
    const api = t.app.get(EbayApiClient);
    const getUser = (status: string) => ({ operation: 'Identity getUser', status });
    const before = await scrape(t);

    await api.get(account.id, IDENTITY, { action: 'Identity getUser', host: 'apiz' });
    // A dropped connection is retried; an access token eBay refuses is refreshed once and retried.
    await control.addFault({ endpoint: 'identity', mode: 'close' });
    await api.get(account.id, IDENTITY, { action: 'Identity getUser', host: 'apiz' });
    await control.invalidateAccessTokens('seller_one');
    await api.get(account.id, IDENTITY, { action: 'Identity getUser', host: 'apiz' });
    const after = await scrape(t);

    const change = (name: string, labels: Record<string, string>): number => after.value(name, labels) - before.value(name, labels);
    expect(change(EBAY_CALLS, getUser('200'))).toBe(3);
    expect(change(EBAY_CALLS, getUser('network_error'))).toBe(1);
    expect(change(EBAY_CALLS, getUser('401'))).toBe(1);
    expect(change(GRANTS, { grant_type: 'refresh_token', status: '200' })).toBe(1);
    // The connect in beforeAll exchanged its code.
    expect(after.value(GRANTS, { grant_type: 'authorization_code', status: '200' })).toBe(1);
  });

  it('counts refreshes by trigger and outcome, and shows tokens, the backlog and the day’s grants as they change', async () => {
    const before = await scrape(t);
    await withDatabase(t.database.url, (client) =>
      client.query(
        `UPDATE ebay_tokens SET expires_at = now() + interval '5 minutes', next_refresh_at = now() - interval '1 second'
          WHERE ebay_account_id = $1`,
        [account.id],
      ),
    );
    const due = await scrape(t);
    expect(due.value('ebay_connect_token_refresh_backlog')).toBe(before.value('ebay_connect_token_refresh_backlog') + 1);
    expect(due.value('ebay_connect_tokens', { state: 'expiring_within_horizon' })).toBeGreaterThanOrEqual(1);

    await t.app.get(TokenRefreshScheduler).runOnce();
    await t.http.post(`/api/ebay-accounts/${account.id}/refresh-token`).set(user.auth).expect(200);
    const after = await scrape(t);

    const attempts = 'ebay_connect_token_refresh_attempts_total';
    const change = (labels: Record<string, string>): number => after.value(attempts, labels) - before.value(attempts, labels);
    expect(change({ trigger: 'background', outcome: 'refreshed' })).toBe(1);
    expect(change({ trigger: 'forced', outcome: 'refreshed' })).toBe(1);
    expect(after.value('ebay_connect_token_refresh_duration_seconds_count', { trigger: 'background', outcome: 'refreshed' })).toBeGreaterThanOrEqual(1);
    expect(after.value('ebay_connect_token_refresh_backlog')).toBe(before.value('ebay_connect_token_refresh_backlog'));
    expect(after.value('ebay_connect_ebay_grants_today', { grant_type: 'refresh_token' })).toBe(
      before.value('ebay_connect_ebay_grants_today', { grant_type: 'refresh_token' }) + 2,
    );
    expect(after.value('ebay_connect_ebay_grants_today', { grant_type: 'refresh_token_limit' })).toBe(50_000);
  });

  it('shows no account id, email, eBay user or token anywhere', async () => {
    const second = await connectAccount(t, user, { ebayUser: 'seller_two' });
    await t.http.post(`/api/ebay-accounts/${second.id}/refresh-token`).set(user.auth).expect(200);
    await t.http.get(`/api/ebay-accounts/${second.id}`).set(user.auth).expect(200);
    const secrets = [user.email, user.id, user.jwt, 'seller_one', 'seller_two'];
    for (const connected of [account, second]) {
      secrets.push(connected.id, connected.orgId as string, connected.ebayUserId as string, connected.houseName as string);
      const row = await withDatabase(t.database.url, (client) =>
        client.query<{ access_token: string; refresh_token: string }>('SELECT access_token, refresh_token FROM ebay_tokens WHERE ebay_account_id = $1', [connected.id]),
      );
      const cipher = t.app.get(TokenCipher);
      secrets.push(
        cipher.decrypt(row.rows[0]!.access_token, tokenContext(connected.id, 'access_token')),
        cipher.decrypt(row.rows[0]!.refresh_token, tokenContext(connected.id, 'refresh_token')),
      );
    }

    const text = (await t.http.get('/metrics').expect(200)).text;

    for (const secret of new Set(secrets)) expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    for (const token of secrets.filter((secret) => secret.length > 40)) {
      expect({ token, found: text.includes(token.slice(10, 30)) }).toEqual({ token, found: false });
    }
  });
});

describe('GET /metrics in a second app of the same process', () => {
  it('counts from zero in a registry of its own', async () => {
    const t = await startTestApp();
    try {
      const metrics = await scrape(t);
      expect(metrics.samples.filter((sample) => sample.name === REQUESTS)).toEqual([]);
      expect(metrics.value(GRANTS, { grant_type: 'authorization_code', status: '200' })).toBe(0);
      expect(metrics.families.has('ebay_connect_process_cpu_user_seconds_total')).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe('METRICS_ENABLED=false', () => {
  it('answers /metrics with the JSON 404 of an unknown path', async () => {
    const t = await startTestApp({ env: { METRICS_ENABLED: 'false' } });
    try {
      const response = await t.http.get('/metrics').expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', requestId: expect.any(String) });
    } finally {
      await t.close();
    }
  });
});
