import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchChromium } from './support/browser';
import { type ServiceProcess, spawnService } from './support/service-process';
import { PASSWORD, anEmail } from './support/users';

/** The repository: `npm start` runs there, and the service serves the console from its dist/web. */
const REPOSITORY = join(__dirname, '..');
/** The banner's line for the console, as README "Two commands" shows it. */
const CONSOLE_LINE = /^\s*Admin console\s+(\S+)\s+← open this in a browser\s*$/;

/**
 * Issue 11's "Done when": `npm install && npm start`, then opening the printed URL, lets a
 * newcomer log in and connect an emulated eBay account without reading anything else. The
 * service runs as `npm start` runs it after its build (`node dist/src/main.js` in the
 * repository, nothing configured); the browser goes only where the banner says and clicks only
 * what the pages offer. Needs `npm run build`, which npm test runs first.
 */
describeInBrowser('a newcomer’s `npm start`, in a real browser', () => {
  let service: ServiceProcess | undefined;
  let browser: Browser | undefined;
  // A newcomer's first start has an empty ./data; a fresh folder makes this one, and keeps the
  // test away from the ./data of whoever runs it (their users, secrets and database).
  const dataDir = mkdtempSync(join(tmpdir(), 'ebay-connect-newcomer-'));

  afterAll(async () => {
    await browser?.close();
    // Only killed when the test failed before its own SIGTERM.
    if (service !== undefined && service.child.exitCode === null) {
      service.child.kill('SIGKILL');
      await service.exited();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the console’s address, where the first user signs up and connects an emulated seller, then stops cleanly on SIGTERM', async () => {
    service = spawnService(
      {
        DATA_DIR: dataDir,
        // 3000 may be taken on a shared machine (another checkout's service); 0 takes any free
        // port, so the only place the test can learn the address from is the banner.
        PORT: '0',
        // Nothing else: NODE_ENV unset is development, as on a newcomer's laptop, and no eBay
        // keys means the built-in emulator.
      },
      REPOSITORY,
    );
    // The first start initialises the embedded PostgreSQL (PGlite): seconds on a busy machine.
    const consoleLine = await service.waitFor(CONSOLE_LINE, 60_000);
    expect(service.output()).toContain('ebay-connect is running (development)');
    expect(service.output()).toMatch(/eBay emulator +http:\/\/127\.0\.0\.1:\d+ \(sellers seller_one, /);
    const consoleUrl = CONSOLE_LINE.exec(consoleLine)![1];
    expect(consoleUrl).toMatch(/^http:\/\/localhost:\d+\/$/);

    browser = await launchChromium();
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(consoleUrl);
    await signUpAsTheFirstUser(page, anEmail('newcomer'));
    await connectThroughTheConsentPage(page, 'seller_one');

    await page.getByRole('link', { name: 'Back to the accounts' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'My first store' }) });
    expect(await row.locator('td[data-label="eBay user"]').innerText()).toBe('seller_one');
    expect(await row.locator('td[data-label="Status"]').innerText()).toBe('Active');
    expect(await row.locator('td[data-label="Token expires"]').innerText()).toMatch(/^in (2 h 00 min|1 h 5\d min)/);

    service.child.kill('SIGTERM');
    expect(await service.exited()).toBe(0);
    expect(service.output()).toContain('SIGTERM received');
  }, 110_000);
});

/** The sign-in page offers "Create account"; the first user of a new service is its administrator. */
async function signUpAsTheFirstUser(page: Page, email: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'No eBay accounts yet' }).waitFor();
  expect(await page.getByRole('banner').innerText()).toMatch(new RegExp(`${email}\\s*admin`));
}

/** From the dashboard's button to eBay's (the emulator's) consent page and back. */
async function connectThroughTheConsentPage(page: Page, seller: string): Promise<void> {
  // The empty dashboard offers it twice, in its heading and in its "No eBay accounts yet" card.
  await page.getByRole('main').getByRole('link', { name: 'Connect an eBay account' }).first().click();
  await page.getByLabel('House name').fill('My first store');
  await Promise.all([page.waitForURL(/\/oauth2\/authorize\?/), page.getByRole('button', { name: 'Connect eBay account' }).click()]);
  await page.getByLabel(new RegExp(seller)).check();
  await Promise.all([page.waitForURL(/\/connect\/callback\?status=connected&accountId=/), page.getByRole('button', { name: 'Agree' }).click()]);
  await page.getByText(`My first store is connected as eBay user ${seller}.`).waitFor();
}
