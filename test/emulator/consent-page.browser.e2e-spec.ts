import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_EMULATOR_APP, type TokenResponseBody } from '../../src/emulator';
import { describeInBrowser, launchChromium } from '../support/browser';
import { consentUrl, exchangeCode, getWithToken, startTestEmulator, type TestEmulator } from './emulator-test-kit';

const BROWSER_RUNAME = 'Browser-Test-RuName';

describeInBrowser('emulator: consent page in a real browser, JavaScript off', () => {
  let t: TestEmulator;
  let browser: Browser;
  let page: Page;
  let target: Server;
  let targetUrl: string;
  /** The raw request URLs the accept/decline target received, as the browser sent them. */
  const landings: string[] = [];

  beforeAll(async () => {
    target = createServer((req, res) => {
      // The browser also asks for /favicon.ico, at a moment of its choosing.
      if (!/^\/(accept|decline)\?/.test(req.url ?? '')) {
        res.statusCode = 404;
        res.end();
        return;
      }
      landings.push(req.url ?? '');
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>landed</title><p>landed</p>');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    t = await startTestEmulator();
    t.emulator.registerRuName(DEFAULT_EMULATOR_APP.clientId, {
      ruName: BROWSER_RUNAME,
      acceptUrl: `${targetUrl}/accept`,
      declineUrl: `${targetUrl}/decline`,
    });
    browser = await launchChromium();
    const context = await browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.emulator.close();
    await new Promise((resolve) => target?.close(resolve));
  });

  it('lands on the accept URL with state, code and expires_in after a seller agrees; the code exchanges', async () => {
    await page.goto(consentUrl(t.baseUrl, { redirect_uri: BROWSER_RUNAME, state: 'browser state/1' }));
    await page.check('input[name="emulator_user"][value="seller_two"]');

    await Promise.all([page.waitForURL(`${targetUrl}/accept?**`), page.click('button[value="approve"]')]);

    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe('browser state/1');
    expect(landed.searchParams.get('expires_in')).toBe('299');
    const code = landed.searchParams.get('code') ?? '';
    expect(code).toMatch(/^v\^1\.1#i\^1#/);
    expect(landings.at(-1)).toMatch(/^\/accept\?.*[?&]code=v%5E1\.1%23/);

    const exchanged = await exchangeCode(t.baseUrl, code, BROWSER_RUNAME);
    expect(exchanged.status).toBe(200);
    const { access_token } = (await exchanged.json()) as TokenResponseBody;
    const identity = await getWithToken(t.apizBaseUrl, '/commerce/identity/v1/user/', access_token);
    expect(((await identity.json()) as { username: string }).username).toBe('seller_two');
  });

  it('lands on the decline URL with state and isAuthSuccessful=false after a seller declines', async () => {
    await page.goto(consentUrl(t.baseUrl, { redirect_uri: BROWSER_RUNAME, state: 'declined-state' }));

    await Promise.all([page.waitForURL(`${targetUrl}/decline?**`), page.click('button[value="decline"]')]);

    const landed = new URL(page.url());
    expect(Object.fromEntries(landed.searchParams)).toEqual({ state: 'declined-state', isAuthSuccessful: 'false' });
  });
});
