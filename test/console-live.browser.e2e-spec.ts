import type { Browser, Page, Request } from 'playwright-core';
import { LocalEmulatorHost } from '../src/ebay/local-emulator.host';
import { describeInBrowser, launchChromium } from './support/browser';
import { EmulatorControl } from './support/emulator-control';
import { eventually } from './support/eventually';
import { SseClient } from './support/sse-client';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { startTestApp, type TestApp } from './support/test-app';
import { PASSWORD, registerAndLogin, type SignedInUser } from './support/users';

/** What the page keeps on `window` for the test: set once, gone if the page ever reloads. */
interface Marked {
  __noReload?: boolean;
}

/** EVENTS_STREAMS_PER_USER here: few, so that the test can count the places the page holds. */
const STREAMS_PER_USER = 3;

/**
 * The console follows the event stream (GET /api/events/stream, read with fetch): changes made
 * by another client — the API, eBay refusing a grant, a sync — reach the account cards in a
 * signed-in tab without a reload, and a stream the network cuts resumes after the last event
 * it had. The browser reaches the service through a TCP relay, so that the test can cut its
 * connections. Needs `npm run build` (dist/web).
 */
describeInBrowser('the console’s account cards, live from the event stream', () => {
  let t: TestApp;
  let control: EmulatorControl;
  let proxy: TcpProxy;
  let origin: string;
  let browser: Browser;
  let page: Page;
  /** The second client: the same user through the API. */
  let alice: SignedInUser;
  const accountIds: Record<string, string> = {};
  const streamRequests: Request[] = [];
  const listRequests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        TOKEN_REFRESH_ENABLED: 'false',
        HEALTH_CHECK_ENABLED: 'false',
        SYNC_ENABLED: 'false',
        EVENTS_STREAMS_PER_USER: String(STREAMS_PER_USER),
      },
    });
    control = new EmulatorControl(t.app.get(LocalEmulatorHost).baseUrl!);
    proxy = await startTcpProxy(Number(new URL(t.baseUrl).port));
    origin = `http://127.0.0.1:${proxy.port}`;
    // The first user is the administrator, who sees every organisation; the page is an ordinary user's.
    await registerAndLogin(t.http);
    alice = await registerAndLogin(t.http);
    accountIds.A = await connectThroughApi('seller_one', 'Warehouse-A');
    accountIds.B = await connectThroughApi('seller_two', 'Warehouse-B');

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/events/stream') streamRequests.push(request);
      if (url.pathname === '/api/ebay-accounts') listRequests.push(url.search);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await t?.close();
  });

  /** What a person does in the browser, done by a program: ask for the consent link, agree as the seller, follow eBay back. */
  async function connectThroughApi(seller: string, houseName: string): Promise<string> {
    const started = await t.http.get('/api/ebay/connect').query({ houseName }).set(alice.auth).expect(200);
    const consent = new URL(started.body.authorizationUrl as string);
    consent.searchParams.set('emulator_user', seller);
    consent.searchParams.set('emulator_action', 'approve');
    const redirect = await fetch(consent, { redirect: 'manual' });
    const callback = new URL(redirect.headers.get('location')!);
    const connected = await t.http.get(`${callback.pathname}${callback.search}`).expect(200);
    return connected.body.id as string;
  }

  const row = (houseName: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: houseName }) });
  const status = (houseName: string) => row(houseName).locator('td[data-label="Status"]');
  const isUnreloaded = () => page.evaluate(() => (globalThis as unknown as Marked).__noReload === true);

  /** How many more streams the service would open for alice now (it counts each user's). */
  async function freeStreamPlaces(): Promise<number> {
    const opened: SseClient[] = [];
    try {
      for (;;) {
        const stream = await SseClient.open(`${t.baseUrl}/api/events/stream`, alice.auth);
        opened.push(stream);
        if (stream.status !== 200) return opened.length - 1;
      }
    } finally {
      await Promise.all(opened.map((stream) => stream.close()));
    }
  }

  /** The newest event the second client can read: the last one the page's stream delivered too. */
  async function newestEventId(): Promise<string> {
    let after: string | undefined;
    let newest: string | undefined;
    for (;;) {
      const response = await t.http
        .get('/api/events')
        .query({ limit: '500', ...(after === undefined ? {} : { after }) })
        .set(alice.auth)
        .expect(200);
      const items = response.body.items as { id: string }[];
      newest = items.at(-1)?.id ?? newest;
      after = response.body.nextAfter ?? undefined;
      if (after === undefined) return newest!;
    }
  }

  it('signs in, follows the stream, and marks the page so that a reload would show', async () => {
    await page.goto(`${origin}/`);
    await page.getByLabel('Email').fill(alice.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await status('Warehouse-A').getByText('Active').waitFor();
    await status('Warehouse-B').getByText('Active').waitFor();
    // Its 200 comes once the service has its place at the log's end: nothing after is missed.
    await page.locator('.live-state-live').getByText('Live').waitFor();
    await page.evaluate(() => ((globalThis as unknown as Marked).__noReload = true));
    expect(streamRequests).toHaveLength(1);
    // The JWT the page signed in with, in the header; never in the address.
    expect((await streamRequests[0].allHeaders())['authorization']).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(streamRequests[0].url()).toBe(`${origin}/api/events/stream`);
  });

  it('turns a card to reauth required when eBay refuses its grant at a refresh another client asked for', async () => {
    await control.revokeRefreshTokens('seller_one');
    const refused = await t.http.post(`/api/ebay-accounts/${accountIds.A}/refresh-token`).set(alice.auth).expect(409);
    expect(refused.body.code).toBe('reauth_required');

    await status('Warehouse-A').getByText('Reauth required').waitFor();
    await row('Warehouse-A').getByRole('button', { name: 'Reconnect Warehouse-A' }).waitFor();
    expect(await row('Warehouse-A').locator('td[data-label="Token expires"]').innerText()).toBe('—');
    expect(await status('Warehouse-B').innerText()).toBe('Active');
    expect(await isUnreloaded()).toBe(true);
  });

  it('adds an account connected elsewhere, and shows one disconnected elsewhere as disconnected', async () => {
    accountIds.C = await connectThroughApi('seller_three', 'Warehouse-C');
    await status('Warehouse-C').getByText('Active').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(3);

    await t.http.delete(`/api/ebay-accounts/${accountIds.B}`).set(alice.auth).expect(200);
    await status('Warehouse-B').getByText('Disconnected').waitFor();
    await row('Warehouse-B').getByRole('button', { name: 'Reconnect Warehouse-B' }).waitFor();
    expect(await status('Warehouse-C').innerText()).toBe('Active');
    expect(await isUnreloaded()).toBe(true);
  });

  it('updates an account’s page: a sync run elsewhere, then its status and health when eBay stops accepting it', async () => {
    await page.getByRole('link', { name: 'Warehouse-C' }).click();
    await page.getByRole('heading', { name: 'Warehouse-C', level: 1 }).waitFor();
    const lastOrdersRun = page
      .locator('.sync-resource')
      .filter({ has: page.getByRole('heading', { name: 'Orders' }) })
      .locator('dt:text-is("Last run") + dd');
    expect(await lastOrdersRun.innerText()).toBe('None');

    await t.http.post(`/api/ebay-accounts/${accountIds.C}/sync/orders`).set(alice.auth).expect(200);
    await lastOrdersRun.filter({ hasText: /^Succeeded .*, \d+ stored$/ }).waitFor();

    await control.revokeRefreshTokens('seller_three');
    await control.invalidateAccessTokens('seller_three');
    const health = await t.http.get(`/api/ebay-accounts/${accountIds.C}/health`).query({ live: 'true' }).set(alice.auth).expect(200);
    expect(health.body.live).toMatchObject({ isHealthy: false, errorCode: 'reauth_required' });

    await page.locator('.page-head .badge', { hasText: 'Reauth required' }).waitFor();
    await page.getByText(/eBay no longer accepts this account’s consent/).waitFor();
    await page.getByText('unhealthy (reauth_required)').waitFor();
    expect(await page.getByRole('button', { name: 'Force refresh' }).isDisabled()).toBe(true);
    expect(await isUnreloaded()).toBe(true);
    // The account page, its sections and the indicator share the tab's one stream.
    expect(streamRequests).toHaveLength(1);
    expect(await freeStreamPlaces()).toBe(STREAMS_PER_USER - 1);
  });

  it('resumes after the last event it had when the network cuts the stream, and misses nothing meanwhile', async () => {
    await page.getByRole('link', { name: 'All accounts' }).click();
    await status('Warehouse-A').getByText('Reauth required').waitFor();
    const lastSeen = await newestEventId();
    const streamsBefore = streamRequests.length;

    // The relay holds what comes next, so the page's reconnect reaches the service only after the change.
    proxy.freeze();
    proxy.dropConnections();
    await page.locator('.live-state-reconnecting').getByText('Reconnecting…').waitFor();
    const listsBefore = listRequests.length;
    await t.http.delete(`/api/ebay-accounts/${accountIds.A}`).set(alice.auth).expect(200);
    proxy.thaw();

    await status('Warehouse-A').getByText('Disconnected').waitFor();
    await page.locator('.live-state-live').waitFor();
    const resumed = await Promise.all(streamRequests.slice(streamsBefore).map(async (request) => (await request.allHeaders())['last-event-id']));
    expect(resumed.length).toBeGreaterThanOrEqual(1);
    expect(resumed).toEqual(resumed.map(() => lastSeen));
    // The card was read again on its own (GET /api/ebay-accounts/:id), not the list: no event was missed.
    expect(listRequests.slice(listsBefore)).toEqual([]);
    expect(await isUnreloaded()).toBe(true);
  });

  it('closes its stream on signing out, and ran without a script error', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await eventually(async () => expect(await freeStreamPlaces()).toBe(STREAMS_PER_USER));
    // Only the deliberate failure of this file: the stream the relay cut mid-response.
    expect(errors.filter((error) => !/ERR_INCOMPLETE_CHUNKED_ENCODING/.test(error))).toEqual([]);
  });
});
