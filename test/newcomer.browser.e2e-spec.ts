import type { Browser } from 'playwright-core';
import { describeInBrowser, launchChromium } from './support/browser';
import { startTestApp, type TestApp } from './support/test-app';
import { registerAndLogin } from './support/users';

/**
 * What the README walks a newcomer through, with nothing configured: the service runs its own
 * eBay emulator, and a person clicks through its consent page in a real browser.
 */
describeInBrowser('the newcomer’s first connect, in a real browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('connects an account through the built-in emulator’s consent page', async () => {
    expect(t.configuration.ebay.environment).toBe('emulator');
    const user = await registerAndLogin(t.http);
    const started = await t.http
      .get('/api/ebay/connect')
      .query({ houseName: 'My first store' })
      .set(user.auth)
      .expect(200);

    const page = await browser.newPage();
    await page.goto(started.body.authorizationUrl);
    await page.getByLabel(/seller_two/).check();
    await Promise.all([page.waitForURL(/\/api\/ebay\/callback\?/), page.getByRole('button', { name: 'Agree' }).click()]);
    const landed = JSON.parse((await page.locator('body').innerText()) || '{}') as Record<string, unknown>;

    expect(landed).toMatchObject({ houseName: 'My first store', username: 'seller_two', status: 'active' });
    const accounts = await t.http.get('/api/ebay-accounts').set(user.auth).expect(200);
    expect(accounts.body.items).toEqual([landed]);
  });

  it('serves a working Swagger UI at /docs under the security headers', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    await page.goto(`${t.baseUrl}/docs`);
    await page.locator('.opblock').first().waitFor();

    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
    expect(errors).toEqual([]);
  });
});
