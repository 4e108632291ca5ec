import { type RunningEmulator, startEmulator } from '../../src/emulator';
import { EmulatorControl } from './emulator-control';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app';
import type { SignedInUser } from './users';

export const TEST_CLIENT = { clientId: 'ebay-connect-test-client', clientSecret: 'ebay-connect-test-secret' };
export const TEST_RUNAME = 'ebay_connect_test-RuName';

/**
 * An emulated eBay on its own ports (api and apiz), with a keyset for the service. The service
 * under test is configured as for eBay's sandbox with the three base URLs pointed there, so it
 * runs the production code path over real HTTP.
 */
export async function startTestEbay(): Promise<{ emulator: RunningEmulator; control: EmulatorControl }> {
  const emulator = await startEmulator({ apps: [{ ...TEST_CLIENT, ruNames: [] }] });
  return { emulator, control: new EmulatorControl(emulator.baseUrl) };
}

/** The variables that point the service at the emulator. */
export function ebayEnv(emulator: RunningEmulator): Record<string, string> {
  return {
    EBAY_ENVIRONMENT: 'sandbox',
    EBAY_CLIENT_ID: TEST_CLIENT.clientId,
    EBAY_CLIENT_SECRET: TEST_CLIENT.clientSecret,
    EBAY_RUNAME: TEST_RUNAME,
    EBAY_AUTH_BASE_URL: emulator.baseUrl,
    EBAY_API_BASE_URL: emulator.baseUrl,
    EBAY_APIZ_BASE_URL: emulator.apizBaseUrl,
    // Tests run the refresher, health rounds and periodic syncs themselves (runOnce, runRound,
    // runPeriodic) when they need them.
    TOKEN_REFRESH_ENABLED: 'false',
    HEALTH_CHECK_ENABLED: 'false',
    SYNC_ENABLED: 'false',
  };
}

/**
 * Starts the service against the emulator and registers the RuName whose accept and decline
 * URL is this service's callback.
 */
export async function startConnectedApp(
  emulator: RunningEmulator,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const t = await startTestApp({ ...options, env: { ...ebayEnv(emulator), ...options.env } });
  const callbackUrl = `${t.baseUrl}/api/ebay/callback`;
  emulator.registerRuName(TEST_CLIENT.clientId, { ruName: TEST_RUNAME, acceptUrl: callbackUrl, declineUrl: callbackUrl });
  return t;
}

export interface ConsentOptions {
  readonly ebayUser?: string;
  readonly action?: 'approve' | 'decline';
  readonly query?: Record<string, string>;
}

export interface Consent {
  readonly authorizationUrl: string;
  readonly state: string;
  /** Where eBay sent the browser back: the service's callback with code (or decline) and state. */
  readonly callbackPath: string;
}

/**
 * What a person does in the browser: ask the service for a consent URL, agree (or decline)
 * at the emulated eBay, and come back with the redirect eBay issued (not yet followed).
 */
/** An instance of the service a test talks to over HTTP: in-process (TestApp) or a process. */
export type ServiceUnderTest = Pick<TestApp, 'http' | 'baseUrl'>;

export async function consent(t: ServiceUnderTest, user: SignedInUser, options: ConsentOptions = {}): Promise<Consent> {
  const started = await t.http
    .get('/api/ebay/connect')
    .query(options.query ?? {})
    .set(user.auth)
    .expect(200);
  const { authorizationUrl, state } = started.body as { authorizationUrl: string; state: string };
  const automated = new URL(authorizationUrl);
  automated.searchParams.set('emulator_user', options.ebayUser ?? 'seller_one');
  automated.searchParams.set('emulator_action', options.action ?? 'approve');
  const redirect = await fetch(automated, { redirect: 'manual' });
  const location = redirect.headers.get('location');
  if (redirect.status !== 302 || location === null) {
    throw new Error(`The emulator answered the consent with ${redirect.status}: ${await redirect.text()}`);
  }
  const callback = new URL(location);
  if (callback.origin !== new URL(t.baseUrl).origin) throw new Error(`Consent went to ${callback.origin}`);
  return { authorizationUrl, state, callbackPath: `${callback.pathname}${callback.search}` };
}

/** Connects an eBay test user to the signed-in user's organisation; answers the account JSON. */
export async function connectAccount(
  t: ServiceUnderTest,
  user: SignedInUser,
  options: ConsentOptions = {},
): Promise<Record<string, unknown> & { id: string }> {
  const { callbackPath } = await consent(t, user, options);
  const response = await t.http.get(callbackPath).expect(200);
  return response.body as Record<string, unknown> & { id: string };
}
