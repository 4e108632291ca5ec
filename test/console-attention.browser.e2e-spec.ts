import type { Browser, Page } from 'playwright-core';
import { type RunningEmulator, startEmulator } from '../src/emulator';
import { describeInBrowser, launchChromium } from './support/browser';
import { connectAccount, startConnectedApp, TEST_CLIENT } from './support/connected-app';
import { EmulatorControl } from './support/emulator-control';
import type { TestApp } from './support/test-app';
import { PASSWORD, registerAndLogin, type SignedInUser } from './support/users';

/**
 * The console's "reconnect soon" warning is shown while the eBay consent (the refresh token)
 * runs out within 30 days. This eBay grants consents of 20 days, so every account connected here
 * meets it for real; eBay's own 18 months, where it must not show, is console.browser's.
 */
const CONSENT_DAYS = 20;

/**
 * What the dashboard and an account's page show an administrator about accounts that need
 * attention (a failed refresh, a consent near its end), and the "Organisation" filter narrowing
 * the list to one organisation. Accounts are connected through the API (a seller's consent at
 * the emulator); what is asserted is what the browser shows.
 */
describeInBrowser('the console’s attention column and organisation filter, in a real browser', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: SignedInUser;
  let other: SignedInUser;

  beforeAll(async () => {
    emulator = await startEmulator({ apps: [{ ...TEST_CLIENT, ruNames: [] }], refreshTokenTtlSeconds: CONSENT_DAYS * 86_400 });
    control = new EmulatorControl(emulator.baseUrl);
    t = await startConnectedApp(emulator);
    // The first user is the administrator; the second is an organisation of its own.
    admin = await registerAndLogin(t.http);
    other = await registerAndLogin(t.http);
    await connectAccount(t, admin, { ebayUser: 'seller_one', query: { houseName: 'Admin-Store' } });
    await connectAccount(t, other, { ebayUser: 'seller_two', query: { houseName: 'Other-Store' } });

    browser = await launchChromium();
    page = await browser.newPage();
    // Under jest's 30 s, so that a step that never happens fails with its own name.
    page.setDefaultTimeout(10_000);
    await page.goto(`${t.baseUrl}/`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'eBay accounts', level: 1 }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await emulator?.close();
  });

  const attentionOf = (houseName: string) =>
    page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: houseName }) }).locator('td[data-label="Attention"]');

  /** From the dashboard, as a person gets there; each test starts from it whatever the one before left. */
  const openAccount = async (houseName: string) => {
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: houseName }).click();
    await page.getByRole('heading', { name: houseName, level: 1 }).waitFor();
  };

  it('warns to reconnect soon when the eBay consent runs out within 30 days, and offers the reconnect', async () => {
    expect(await attentionOf('Admin-Store').innerText()).toBe('Reconnect soon: the eBay consent runs out within 30 days.');

    await openAccount('Admin-Store');
    expect(await page.locator('dt:text-is("Consent runs out") + dd').innerText()).toMatch(
      / — reconnect soon: the eBay consent runs out within 30 days$/,
    );
    await page.getByRole('button', { name: /^Reconnect/ }).waitFor();
  });

  it('shows the error of a refresh eBay failed, on the account’s page and on the dashboard', async () => {
    await openAccount('Admin-Store');
    await control.addFault({ endpoint: 'token', grantType: 'refresh_token', mode: 'status', status: 500 });
    await page.getByRole('button', { name: 'Force refresh' }).click();
    await page.getByRole('alert').getByText(/^eBay could not refresh the token right now/).waitFor();

    const refreshError = page.locator('dt:text-is("Refresh error") + dd');
    // Without a reload: the page that said the refresh failed also says what is recorded.
    await refreshError.getByText(/\(1 failed in a row\)$/).waitFor();
    const message = (await refreshError.innerText()).replace(/ \(1 failed in a row\)$/, '');
    expect(message).toMatch(/^eBay token refresh failed: HTTP 500 server_error/);
    // A transient failure: the account stays active and its token keeps serving.
    await page.locator('.page-head .badge', { hasText: 'Active' }).waitFor();

    await page.getByRole('link', { name: 'All accounts' }).click();
    await attentionOf('Admin-Store').getByText(`Refresh failed: ${message}`).waitFor();
    expect(await attentionOf('Admin-Store').innerText()).toMatch(/^Refresh failed: .+\n+Reconnect soon: /);
  });

  it('lists only the chosen organisation’s accounts when an administrator picks it in the filter', async () => {
    await page.goto(`${t.baseUrl}/`);
    const filter = page.getByLabel('Organisation', { exact: true });
    const houseNames = page.getByRole('rowheader');

    await filter.selectOption({ label: other.email });
    await page.getByRole('rowheader', { name: 'Other-Store' }).waitFor();
    expect(await houseNames.allInnerTexts()).toEqual(['Other-Store']);

    await filter.selectOption({ label: admin.email });
    await page.getByRole('rowheader', { name: 'Admin-Store' }).waitFor();
    expect(await houseNames.allInnerTexts()).toEqual(['Admin-Store']);

    await filter.selectOption('all');
    await page.getByRole('rowheader', { name: 'Other-Store' }).waitFor();
    expect((await houseNames.allInnerTexts()).sort()).toEqual(['Admin-Store', 'Other-Store']);
  });
});
