import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { CreatedSigningKey, SigningKeyView } from '../../src/emulator';
import {
  applicationToken,
  connectSeller,
  ebayError,
  getWithToken,
  OTHER_APP,
  registerOtherApp,
  startTestEmulator,
  type TestEmulator,
} from './emulator-test-kit';

const SIGNING_KEY = '/developer/key_management/v1/signing_key';
const THREE_YEARS_SECONDS = (3 * 365 + 1) * 24 * 60 * 60;

describe('emulator: Key Management signing keys', () => {
  let t: TestEmulator;
  let appToken: string;

  const createKey = (body: unknown, token = appToken): Promise<Response> =>
    fetch(`${t.apizBaseUrl}${SIGNING_KEY}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await startTestEmulator();
    registerOtherApp(t);
    appToken = await applicationToken(t.baseUrl);
  });
  afterAll(async () => {
    await t.emulator.close();
  });

  it.each(['ED25519', 'RSA'] as const)('creates an %s key: base64 DER halves that belong together, a jwe, three years of life', async (cipher) => {
    const response = await createKey({ signingKeyCipher: cipher });

    expect(response.status).toBe(200);
    const key = (await response.json()) as CreatedSigningKey;
    expect(Object.keys(key).sort()).toEqual(
      ['creationTime', 'expirationTime', 'jwe', 'privateKey', 'publicKey', 'signingKeyCipher', 'signingKeyId'].sort(),
    );
    expect(key.signingKeyCipher).toBe(cipher);
    const privateKey = createPrivateKey({ key: Buffer.from(key.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey({ key: Buffer.from(key.publicKey, 'base64'), format: 'der', type: 'spki' });
    expect(publicKey.asymmetricKeyType).toBe(cipher === 'ED25519' ? 'ed25519' : 'rsa');
    expect(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64')).toBe(key.publicKey);
    expect(key.jwe).toMatch(/^eyJ[\w-]*(\.[\w-]+){4}$/);
    expect(Math.abs(key.creationTime - Date.now() / 1000)).toBeLessThan(5);
    expect(key.expirationTime - key.creationTime).toBeGreaterThanOrEqual(THREE_YEARS_SECONDS - 24 * 60 * 60);
    expect(key.expirationTime - key.creationTime).toBeLessThanOrEqual(THREE_YEARS_SECONDS);
  });

  it('lists and reads the keys without their private halves', async () => {
    const created = (await (await createKey({ signingKeyCipher: 'ED25519' })).json()) as CreatedSigningKey;
    const { privateKey: _privateKey, ...view } = created;

    const list = await getWithToken(t.apizBaseUrl, SIGNING_KEY, appToken);
    const one = await getWithToken(t.apizBaseUrl, `${SIGNING_KEY}/${created.signingKeyId}`, appToken);

    expect(list.status).toBe(200);
    const { signingKeys } = (await list.json()) as { signingKeys: SigningKeyView[] };
    expect(signingKeys).toContainEqual(view);
    expect(signingKeys.every((key) => !('privateKey' in key))).toBe(true);
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(view);
  });

  it("keeps each app's keys to itself", async () => {
    const created = (await (await createKey({ signingKeyCipher: 'ED25519' })).json()) as CreatedSigningKey;
    const otherToken = await applicationToken(t.baseUrl, OTHER_APP);

    const list = await getWithToken(t.apizBaseUrl, SIGNING_KEY, otherToken);
    const one = await getWithToken(t.apizBaseUrl, `${SIGNING_KEY}/${created.signingKeyId}`, otherToken);

    expect(((await list.json()) as { signingKeys: SigningKeyView[] }).signingKeys).toEqual([]);
    expect(one.status).toBe(404);
    expect((await ebayError(one)).domain).toBe('API_KEY_MANAGEMENT');
  });

  it('counts creations in stats, so a test can assert exactly one key', async () => {
    await t.control.clearStats();

    await createKey({ signingKeyCipher: 'ED25519' });
    await getWithToken(t.apizBaseUrl, SIGNING_KEY, appToken);

    const stats = await t.control.stats();
    expect(stats.signingKeysCreated).toBe(1);
    expect(stats.calls.signingKey).toBe(2);
    expect(await t.control.signingKeys()).toContainEqual(expect.objectContaining({ clientId: expect.any(String) }));
  });

  it.each([{ signingKeyCipher: 'ECDSA' }, {}, '{"signingKeyCipher":', ''])('refuses %j with a 400', async (body) => {
    const response = await createKey(body);

    expect(response.status).toBe(400);
    expect((await ebayError(response)).errorId).toBe(265001);
  });

  it('wants an application token: a user token is 403/1100, none 400/1002', async () => {
    const { access_token } = await connectSeller(t.baseUrl, 'seller_one');

    const withUserToken = await createKey({ signingKeyCipher: 'ED25519' }, access_token);

    expect(withUserToken.status).toBe(403);
    expect((await ebayError(withUserToken)).errorId).toBe(1100);
    expect((await fetch(`${t.apizBaseUrl}${SIGNING_KEY}`, { method: 'POST' })).status).toBe(400);
  });

  it('answers only on the apiz host', async () => {
    const response = await fetch(`${t.baseUrl}${SIGNING_KEY}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${appToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ signingKeyCipher: 'ED25519' }),
    });

    expect(response.status).toBe(404);
    expect((await ebayError(response)).errorId).toBe(2002);
  });
});
