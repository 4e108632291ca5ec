import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LocalEmulatorHost } from '../src/ebay/local-emulator.host';
import { describeInBrowser, launchChromium } from './support/browser';
import { EmulatorControl } from './support/emulator-control';
import { startTestApp, type TestApp } from './support/test-app';
import { PASSWORD, anEmail } from './support/users';

/** Git-ignored: what a person would have seen, for whoever looks into a failure or reviews the console. */
const SCREENSHOTS = join(__dirname, '..', 'test-artifacts', 'screenshots');
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const SELLER = 'seller_two';

/**
 * The admin console as a newcomer uses it, in headless Chromium against the service in emulator
 * mode (its own eBay, nothing configured): register, connect through the emulator's consent page,
 * watch the account, refresh it, decline, lose the grant and reconnect. Needs `npm run build`
 * (dist/web), which npm test runs first.
 */
describeInBrowser('the admin console in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let control: EmulatorControl;
  /** Where the newcomer opens it: the banner's address, the emulator's consent returns to it. */
  let consoleUrl: string;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const email = anEmail('console');

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestApp({ env: { TOKEN_REFRESH_ENABLED: 'false', HEALTH_CHECK_ENABLED: 'false', SYNC_ENABLED: 'false' } });
    control = new EmulatorControl(t.app.get(LocalEmulatorHost).baseUrl!);
    consoleUrl = t.baseUrl.replace('127.0.0.1', 'localhost');
    browser = await launchChromium();
    context = await browser.newContext({ viewport: LAPTOP });
    page = await context.newPage();
    // Under jest's 30 s, so that a step that never happens fails with its own name.
    context.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const shoot = (name: string, target: Page = page) => target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const accountRow = (houseName: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: houseName }) });

  it('lets a newcomer create the first user, who is the administrator, and shows the empty dashboard', async () => {
    await page.goto(`${consoleUrl}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create an account' }).click();

    await page.getByRole('heading', { name: 'eBay accounts', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'No eBay accounts yet' }).waitFor();
    expect(await page.getByRole('banner').innerText()).toMatch(new RegExp(`${email}\\s*admin`));
    await page.getByRole('heading', { name: /Every organisation/ }).waitFor();
    expect(await page.locator('.figure').filter({ hasText: 'Active accounts' }).locator('dd').innerText()).toBe('0');
    // The JWT lives in the tab's session, never in the address bar.
    expect(page.url()).toBe(`${consoleUrl}/`);
    await shoot('01-dashboard-empty');
  });

  it('connects an account through the emulator’s consent page and shows it on the dashboard with a live countdown', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connect an account' }).click();
    await page.getByLabel('House name').fill('Warehouse-A');
    await page.getByLabel('Purpose').selectOption('SELLING');
    await page.getByLabel('Marketplace').selectOption('EBAY_GB');
    await shoot('02-connect-form');

    await Promise.all([page.waitForURL(/\/oauth2\/authorize\?/), page.getByRole('button', { name: 'Connect eBay account' }).click()]);
    await page.getByLabel(new RegExp(SELLER)).check();
    await shoot('03-connect-consent');
    await Promise.all([page.waitForURL(/\/connect\/callback\?status=connected&accountId=/), page.getByRole('button', { name: 'Agree' }).click()]);

    await page.getByRole('heading', { name: 'eBay account connected' }).waitFor();
    await page.getByText(`Warehouse-A is connected as eBay user ${SELLER}.`).waitFor();
    await shoot('04-connect-callback');

    await page.getByRole('link', { name: 'Back to the accounts' }).click();
    const row = accountRow('Warehouse-A');
    await row.waitFor();
    // A 2 h token just granted; the page's clock ticks by whole seconds, so it may still read 2 h 00 min 00 s.
    expect(await row.innerText()).toMatch(
      new RegExp(`${SELLER}\\s+Selling\\s+EBAY_GB\\s+Active\\s+in (2 h 00 min 00 s|1 h 5\\d min \\d\\d s)`),
    );
    const expiry = row.locator('td[data-label="Token expires"]');
    const before = await expiry.innerText();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await expiry.innerText()).not.toBe(before);
    // eBay's consent lasts 18 months: nothing to act on, no "reconnect soon" (console-attention has it).
    expect(await row.locator('td[data-label="Attention"]').innerText()).toBe('Nothing');
    expect(await page.locator('.figure').filter({ hasText: 'Active accounts' }).locator('dd').innerText()).toBe('1');
    await shoot('05-dashboard');

    // An administrator's view of every organisation names each account's organisation.
    await page.getByLabel('Organisation', { exact: true }).selectOption('all');
    await accountRow('Warehouse-A').getByRole('cell', { name: email }).waitFor();
    await page.getByLabel('Organisation', { exact: true }).selectOption('mine');
    await page.getByRole('columnheader', { name: 'Organisation' }).waitFor({ state: 'detached' });
  });

  it('forces a refresh on the account’s page', async () => {
    await page.getByRole('link', { name: 'Warehouse-A' }).click();
    await page.getByRole('heading', { name: 'Warehouse-A', level: 1 }).waitFor();
    // The connect's own grant was the last refresh; the exact instant is the time element's.
    const lastRefresh = page.locator('dt:text-is("Last refresh") + dd time');
    const connectedAt = await lastRefresh.getAttribute('datetime');

    await page.getByRole('button', { name: 'Force refresh' }).click();
    await page.getByText('The access token was renewed at eBay.').waitFor();
    expect(Date.parse((await lastRefresh.getAttribute('datetime'))!)).toBeGreaterThan(Date.parse(connectedAt!));
    expect(await lastRefresh.innerText()).toMatch(/^(just now|[0-2] s ago)$/);
    await shoot('06-account');
  });

  it('edits the account, checks it live at eBay, lists the check and syncs its orders', async () => {
    await page.getByLabel('House name').fill('Warehouse-A1');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('heading', { name: 'Warehouse-A1', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Check at eBay now' }).click();
    await page.getByText(/eBay answered as expected/).waitFor();
    await page.locator('.events li').filter({ hasText: 'Healthy, eBay answered 200' }).waitFor();

    await page.getByRole('button', { name: 'Sync orders now' }).click();
    await page.getByText(/^Orders: \d+ read from eBay, \d+ new or changed/).waitFor();

    await page.getByLabel('House name').fill('Warehouse-A');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Warehouse-A', level: 1 }).waitFor();
  });

  it('says in words that the seller declined on eBay', async () => {
    await page.goto(`${consoleUrl}/connect`);
    await Promise.all([page.waitForURL(/\/oauth2\/authorize\?/), page.getByRole('button', { name: 'Connect eBay account' }).click()]);
    await Promise.all([page.waitForURL(/\/connect\/callback\?status=error&reason=declined/), page.getByRole('button', { name: 'Decline' }).click()]);

    await page.getByRole('heading', { name: 'The eBay account was not connected' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toBe('You declined on eBay, so no account was connected.');
    await shoot('07-connect-declined');
  });

  it('shows an account whose grant eBay revoked as reauth required, and its reconnect brings it back', async () => {
    await control.revokeRefreshTokens(SELLER);
    await control.invalidateAccessTokens(SELLER);
    await page.goto(`${consoleUrl}/`);
    await page.getByRole('link', { name: 'Warehouse-A' }).click();
    await page.getByRole('button', { name: 'Force refresh' }).click();
    await page.locator('.page-head .badge', { hasText: 'Reauth required' }).waitFor();
    await page.getByText(/eBay no longer accepts this account’s consent/).waitFor();

    await page.getByRole('link', { name: 'All accounts' }).click();
    const row = accountRow('Warehouse-A');
    await row.getByText('Reauth required').waitFor();
    expect(await page.locator('.figure').filter({ hasText: 'Reauth required' }).locator('dd').innerText()).toBe('1');
    await shoot('08-dashboard-reauth-required');

    await Promise.all([page.waitForURL(/\/oauth2\/authorize\?/), row.getByRole('button', { name: 'Reconnect Warehouse-A' }).click()]);
    await page.getByLabel(new RegExp(SELLER)).check();
    await Promise.all([page.waitForURL(/\/connect\/callback\?status=connected/), page.getByRole('button', { name: 'Agree' }).click()]);
    await page.getByText(`Warehouse-A is connected as eBay user ${SELLER}.`).waitFor();

    await page.getByRole('link', { name: 'Back to the accounts' }).click();
    await accountRow('Warehouse-A').getByText('Active').waitFor();
    expect(await page.getByRole('row').count()).toBe(2);
  });

  it('refuses its consent link in another browser and says why there; the browser that started it still completes', async () => {
    await page.goto(`${consoleUrl}/connect`);
    await Promise.all([page.waitForURL(/\/oauth2\/authorize\?/), page.getByRole('button', { name: 'Connect eBay account' }).click()]);
    const consentUrl = page.url();

    const elsewhere = await browser.newPage();
    await elsewhere.goto(consentUrl);
    await elsewhere.getByLabel(new RegExp(SELLER)).check();
    await Promise.all([
      elsewhere.waitForURL(/\/connect\/callback\?status=error&reason=browser_mismatch/),
      elsewhere.getByRole('button', { name: 'Agree' }).click(),
    ]);
    expect(await elsewhere.getByRole('alert').innerText()).toMatch(/^This connect was started in another browser/);
    await shoot('11-connect-other-browser', elsewhere);
    await elsewhere.close();

    await page.getByLabel(new RegExp(SELLER)).check();
    await Promise.all([page.waitForURL(/\/connect\/callback\?status=connected/), page.getByRole('button', { name: 'Agree' }).click()]);
    // The same eBay user again, without a house name: a reconnect of the account it already is,
    // which keeps what the form left at its defaults.
    await page.getByText(`Warehouse-A is connected as eBay user ${SELLER}.`).waitFor();
    expect(await page.locator('dt:text-is("Purpose") + dd').innerText()).toBe('Selling');
    expect(await page.locator('dt:text-is("Marketplace") + dd').innerText()).toBe('EBAY_GB');
  });

  it('explains every way a connect can come back failed', async () => {
    const expired = 'This connect link expired or was already used — start again.';
    for (const [reason, message] of [
      ['state_expired', expired],
      ['state_used', expired],
      ['state_unknown', expired],
      ['ebay_http_500', /^The connect did not complete: eBay or the service failed \(code ebay_http_500\)/],
    ] as const) {
      await page.goto(`${consoleUrl}/connect/callback?status=error&reason=${reason}`);
      await page.getByRole('heading', { name: 'The eBay account was not connected' }).waitFor();
      expect(await page.getByRole('alert').innerText()).toMatch(message);
    }
  });

  it('fits a phone: no sideways scrolling, every account fact still labelled', async () => {
    const phone = await browser.newPage({ viewport: PHONE });
    // The same tab's session does not carry over to a new page: sign in there.
    await phone.goto(`${consoleUrl}/`);
    await phone.getByLabel('Email').fill(email);
    await phone.getByLabel('Password').fill(PASSWORD);
    await phone.getByRole('button', { name: 'Sign in' }).click();
    await phone.getByRole('rowheader', { name: 'Warehouse-A' }).waitFor();

    expect(await horizontalOverflow(phone)).toEqual([]);
    const statusLabel = await phone
      .locator('td[data-label="Status"]')
      .first()
      .evaluate((cell) => (globalThis as unknown as PageGlobals).getComputedStyle(cell, '::before').content);
    expect(statusLabel).toBe('"Status"');
    await shoot('09-dashboard-phone', phone);

    await phone.getByRole('link', { name: 'Warehouse-A' }).click();
    await phone.getByRole('heading', { name: 'Warehouse-A', level: 1 }).waitFor();
    expect(await horizontalOverflow(phone)).toEqual([]);
    await shoot('10-account-phone', phone);
    await phone.close();
  });

  it('gives every control a label and reaches each of them from the keyboard', async () => {
    for (const path of ['/', '/connect']) {
      await page.goto(`${consoleUrl}${path}`);
      await page.locator('main h1').waitFor();
      expect(await unlabelledControls(page)).toEqual([]);
    }
    await page.goto(`${consoleUrl}/`);
    await page.getByRole('link', { name: 'Warehouse-A' }).click();
    await page.getByRole('button', { name: 'Force refresh' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);

    // Disconnect from the keyboard: the dialog opens on Cancel, Escape backs out, then confirm.
    await page.getByRole('button', { name: 'Disconnect…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Disconnect Warehouse-A?' });
    await dialog.waitFor();
    expect(await page.locator(':focus').innerText()).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Disconnect…' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').innerText()).toBe('Disconnect');
    await page.keyboard.press('Enter');
    await page.getByText('Warehouse-A is disconnected.').waitFor();
    await page.locator('.page-head .badge', { hasText: 'Disconnected' }).waitFor();

    // Signing out and in again with nothing but the keyboard.
    await page.getByRole('button', { name: 'Sign out' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Warehouse-A', level: 1 }).waitFor();
  });

  it('says in words when signing in fails, and ran without a script or CSP error', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/wrong|invalid/i);

    // Only the deliberate failures of this file (the wrong password, eBay's refusal) and none else.
    expect(errors.filter((error) => !/status of (401|409)/.test(error))).toEqual([]);
  });
});

/**
 * What the checks below use of the page's DOM. They run in the page; this program is typed with
 * Node's globals, not the DOM's, and keeps it so (src/ must not compile against `document`).
 */
interface PageElement {
  readonly tagName: string;
  readonly className: string;
  readonly tabIndex: number;
  readonly textContent: string | null;
  readonly outerHTML: string;
  readonly labels?: { readonly length: number } | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  getBoundingClientRect(): { readonly right: number };
  getClientRects(): { readonly length: number };
  closest(selector: string): PageElement | null;
}

interface PageGlobals {
  readonly document: {
    readonly documentElement: { readonly clientWidth: number; readonly scrollWidth: number };
    querySelectorAll(selector: string): Iterable<PageElement>;
  };
  getComputedStyle(element: unknown, pseudoElement: string): { readonly content: string };
}

/** Elements wider than the viewport, as `tag.class (right edge)`. */
function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const limit = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter((element) => element.getBoundingClientRect().right > limit + 1);
    const scrolls = document.documentElement.scrollWidth > limit ? [`document (${document.documentElement.scrollWidth} > ${limit})`] : [];
    return [...scrolls, ...wide.map((element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)})`)];
  });
}

/** Visible inputs, selects, buttons and links without an accessible name, or out of the tab order. */
function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const controls = [...document.querySelectorAll('input, select, textarea, button, a')].filter(
      (element) => element.getClientRects().length > 0 && element.closest('dialog:not([open])') === null,
    );
    return controls
      .filter((element) => {
        const isField = ['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName);
        const labelled = isField
          ? (element.labels?.length ?? 0) > 0 || element.hasAttribute('aria-label')
          : (element.getAttribute('aria-label') ?? element.textContent ?? '').trim() !== '';
        const reachable = element.tabIndex >= 0 && !(element.tagName === 'A' && !element.hasAttribute('href'));
        return !labelled || !reachable;
      })
      .map((element) => element.outerHTML.slice(0, 120));
  });
}
