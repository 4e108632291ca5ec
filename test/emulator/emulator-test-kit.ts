import { createPrivateKey, sign } from 'node:crypto';
import {
  componentsFor,
  contentDigest,
  type CreatedSigningKey,
  DEFAULT_EMULATOR_APP,
  EBAY_SCOPES,
  type EmulatorApp,
  type EmulatorOptions,
  type RunningEmulator,
  type SigningKeyCipher,
  signatureBase,
  signatureHeader,
  signatureInputHeader,
  signatureParams,
  startEmulator,
  type TokenResponseBody,
} from '../../src/emulator';
import { EmulatorControl } from '../support/emulator-control';

/** What the emulator e2e specs share: an emulator with a RuName, and eBay's flows over real HTTP. */

export const TEST_RUNAME = 'EbayConnect-Test-RuName';
// Never contacted: the specs read the 302's Location instead of following it.
export const ACCEPT_URL = 'http://127.0.0.1:9/accept';
export const DECLINE_URL = 'http://127.0.0.1:9/decline';

/** A second keyset, for "issued to another client" cases; register it with the test RuName. */
export const OTHER_APP = { clientId: 'OtherApp-PRD-2', clientSecret: 'PRD-other-secret-2' } as const;

export const SELLER_SCOPES: readonly string[] = [
  EBAY_SCOPES.public,
  EBAY_SCOPES.identity,
  EBAY_SCOPES.fulfillment,
  EBAY_SCOPES.finances,
];

export interface TestEmulator {
  readonly emulator: RunningEmulator;
  /** eBay's auth and api hosts. */
  readonly baseUrl: string;
  /** eBay's apiz host: Identity, Finances, Key Management. */
  readonly apizBaseUrl: string;
  readonly control: EmulatorControl;
}

const APIZ_PATHS = ['/commerce/identity/', '/sell/finances/', '/developer/key_management/'];

/** The base URL of the host eBay serves this path on. */
export function baseUrlFor(t: TestEmulator, path: string): string {
  return APIZ_PATHS.some((prefix) => path.startsWith(prefix)) ? t.apizBaseUrl : t.baseUrl;
}

/** One emulator per spec file, with the test RuName registered on the default app. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator(options);
  emulator.registerRuName(DEFAULT_EMULATOR_APP.clientId, {
    ruName: TEST_RUNAME,
    acceptUrl: ACCEPT_URL,
    declineUrl: DECLINE_URL,
  });
  return {
    emulator,
    baseUrl: emulator.baseUrl,
    apizBaseUrl: emulator.apizBaseUrl,
    control: new EmulatorControl(emulator.baseUrl),
  };
}

export function basicAuth(app: Pick<EmulatorApp, 'clientId' | 'clientSecret'> = DEFAULT_EMULATOR_APP): string {
  return `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
}

export interface ConsentParams {
  client_id?: string;
  redirect_uri?: string;
  response_type?: string;
  scope?: string;
  state?: string;
  prompt?: string;
  emulator_user?: string;
  emulator_action?: string;
}

export function consentUrl(baseUrl: string, params: ConsentParams = {}): string {
  const query = new URLSearchParams({
    client_id: DEFAULT_EMULATOR_APP.clientId,
    redirect_uri: TEST_RUNAME,
    response_type: 'code',
    scope: SELLER_SCOPES.join(' '),
    state: 'state-123',
    ...params,
  });
  return `${baseUrl}/oauth2/authorize?${query.toString()}`;
}

/** GET the consent endpoint without following redirects. */
export function getConsent(baseUrl: string, params: ConsentParams = {}): Promise<Response> {
  return fetch(consentUrl(baseUrl, params), { redirect: 'manual' });
}

/** Approves as `username` and returns the code from the accept URL, decoded once. */
export async function approve(baseUrl: string, username = 'seller_one', params: ConsentParams = {}): Promise<string> {
  const response = await getConsent(baseUrl, { emulator_user: username, emulator_action: 'approve', ...params });
  if (response.status !== 302) throw new Error(`Consent answered ${response.status}: ${await response.text()}`);
  const code = new URL(response.headers.get('location') ?? '').searchParams.get('code');
  if (code === null) throw new Error('The accept redirect carries no code');
  return code;
}

export interface TokenRequest {
  form: Record<string, string> | string;
  authorization?: string | null;
  contentType?: string;
}

export function postToken(baseUrl: string, request: TokenRequest): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': request.contentType ?? 'application/x-www-form-urlencoded',
  };
  const authorization = request.authorization === undefined ? basicAuth() : request.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const body = typeof request.form === 'string' ? request.form : new URLSearchParams(request.form).toString();
  return fetch(`${baseUrl}/identity/v1/oauth2/token`, { method: 'POST', headers, body });
}

export function exchangeCode(baseUrl: string, code: string, redirectUri = TEST_RUNAME): Promise<Response> {
  return postToken(baseUrl, { form: { grant_type: 'authorization_code', code, redirect_uri: redirectUri } });
}

export function refresh(baseUrl: string, refreshToken: string, scope?: readonly string[]): Promise<Response> {
  const form: Record<string, string> = { grant_type: 'refresh_token', refresh_token: refreshToken };
  if (scope !== undefined) form.scope = scope.join(' ');
  return postToken(baseUrl, { form });
}

/** Consent, code and exchange: a seller's tokens as the service would hold them. */
export async function connectSeller(
  baseUrl: string,
  username = 'seller_one',
  scopes: readonly string[] = SELLER_SCOPES,
): Promise<Required<Pick<TokenResponseBody, 'access_token' | 'refresh_token'>>> {
  const code = await approve(baseUrl, username, { scope: scopes.join(' ') });
  const response = await exchangeCode(baseUrl, code);
  const body = (await response.json()) as TokenResponseBody;
  if (response.status !== 200 || body.refresh_token === undefined) {
    throw new Error(`Code exchange answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return { access_token: body.access_token, refresh_token: body.refresh_token };
}

/** An application token (client credentials, `api_scope`) for an app, the default one unless named. */
export async function applicationToken(
  baseUrl: string,
  app: Pick<EmulatorApp, 'clientId' | 'clientSecret'> = DEFAULT_EMULATOR_APP,
): Promise<string> {
  const response = await postToken(baseUrl, {
    form: { grant_type: 'client_credentials', scope: EBAY_SCOPES.public },
    authorization: basicAuth(app),
  });
  const body = (await response.json()) as TokenResponseBody;
  if (response.status !== 200) throw new Error(`Client credentials answered ${response.status}: ${JSON.stringify(body)}`);
  return body.access_token;
}

export function getWithToken(baseUrl: string, pathAndQuery: string, accessToken?: string): Promise<Response> {
  return fetch(`${baseUrl}${pathAndQuery}`, {
    headers: accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` },
  });
}

/** The single error of an eBay REST error envelope. */
export async function ebayError(response: Response): Promise<{ errorId: number; domain: string; message: string }> {
  const body = (await response.json()) as { errors: { errorId: number; domain: string; message: string }[] };
  expect(body.errors).toHaveLength(1);
  return body.errors[0];
}

/** A second app that knows TEST_RUNAME, for tests of one client using another's codes or tokens. */
export function registerOtherApp(t: TestEmulator): void {
  t.emulator.registerApp({
    ...OTHER_APP,
    ruNames: [{ ruName: TEST_RUNAME, acceptUrl: ACCEPT_URL, declineUrl: DECLINE_URL }],
  });
}

/** A Key Management signing key for the default app, as createSigningKey answers it. */
export async function createSigningKey(t: TestEmulator, cipher: SigningKeyCipher = 'ED25519'): Promise<CreatedSigningKey> {
  const response = await fetch(`${t.apizBaseUrl}/developer/key_management/v1/signing_key`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await applicationToken(t.baseUrl)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ signingKeyCipher: cipher }),
  });
  if (response.status !== 200) throw new Error(`createSigningKey answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as CreatedSigningKey;
}

export interface SignedCall {
  readonly method?: string;
  readonly url: string;
  readonly body?: string;
  /** Default: now. */
  readonly createdSeconds?: number;
}

/** The four headers of an eBay signature (docs/ebay.md, section 9) for this call, made with the key. */
export function signatureHeaders(key: CreatedSigningKey, call: SignedCall): Record<string, string> {
  const url = new URL(call.url);
  const hasBody = call.body !== undefined && call.body !== '';
  const headers: Record<string, string> = { 'x-ebay-signature-key': key.jwe };
  if (hasBody) headers['content-digest'] = contentDigest(call.body ?? '');
  const components = componentsFor(hasBody);
  const params = signatureParams(components, call.createdSeconds ?? Math.floor(Date.now() / 1000));
  const base = signatureBase(
    { method: call.method ?? 'GET', path: url.pathname, authority: url.host, headers },
    components,
    params,
  );
  const privateKey = createPrivateKey({ key: Buffer.from(key.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const signature = sign(key.signingKeyCipher === 'ED25519' ? null : 'sha256', Buffer.from(base), privateKey);
  return { ...headers, 'signature-input': signatureInputHeader(params), signature: signatureHeader(signature) };
}

/** A signed GET with a user token. */
export function signedGet(url: string, accessToken: string, key: CreatedSigningKey): Promise<Response> {
  return fetch(url, { headers: { authorization: `Bearer ${accessToken}`, ...signatureHeaders(key, { url }) } });
}
