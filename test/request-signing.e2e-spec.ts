import { randomBytes } from 'node:crypto';
import { parseEncryptionKeys } from '../src/config/encryption-keys';
import type { TokensConfig } from '../src/config/configuration';
import type { RunningEmulator } from '../src/emulator';
import { TokenCipher } from '../src/tokens/token-cipher';
import { signingKeyContext } from '../src/tokens/token-context';
import { runCli } from './support/cli-process';
import { connectAccount, ebayEnv, startConnectedApp, startTestEbay, TEST_CLIENT } from './support/connected-app';
import { type KeyManagementStub, startKeyManagementStub, type ForwardedRequest } from './support/key-management-stub';
import { parsePrometheusText } from './support/prometheus-text';
import { type ReplicaProcess, startReplicaProcess } from './support/replica-process';
import { verifyEbaySignature } from './support/signature-verifier';
import { TEST_ENCRYPTION_KEYS, type TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

const SIGNATURE_HEADERS = ['x-ebay-signature-key', 'content-digest', 'signature-input', 'signature'];
const FINANCES = /^\/sell\/finances\//;
const CREATIONS = 'ebay_connect_ebay_signing_key_creations_total';

interface StoredKey {
  signing_key_id: string | null;
  public_key: string | null;
  private_key: string | null;
  jwe: string | null;
  lease_id: string | null;
  expires_at: Date | null;
}

/**
 * EU/UK digital signatures through the whole service: sync's Finances calls leave signed, one
 * key is made for the keyset across three processes, stored encrypted, re-encrypted by the
 * operator's command and renewed ahead of expiry, and calls outside the scope stay unsigned.
 * A stub in front of the emulator keeps a copy of each request as "eBay" got it (the emulator
 * makes the keys and checks its EU and UK sellers' signatures), and makes Key Management fail
 * or wait when a test asks it to.
 */
describe('signed requests to eBay', () => {
  let emulator: RunningEmulator;
  let stub: KeyManagementStub;
  let t: TestApp;
  let owner: SignedInUser;
  const accounts: string[] = [];
  let stubEnv: Record<string, string>;
  /** The key ring's new first key once the re-encryption test has rotated it. */
  const newKey = `test2:${randomBytes(32).toString('base64')}`;

  async function storedKey(): Promise<StoredKey | undefined> {
    const result = await withDatabase(t.database.url, (client) =>
      client.query('SELECT signing_key_id, public_key, private_key, jwe, lease_id, expires_at FROM ebay_signing_keys WHERE client_id = $1', [
        TEST_CLIENT.clientId,
      ]),
    );
    return result.rows[0] as StoredKey | undefined;
  }

  const financeCalls = (): ForwardedRequest[] => stub.forwarded.filter((request) => FINANCES.test(request.url));
  const syncTransactions = (service: Pick<TestApp, 'http'>, accountId: string) =>
    service.http.post(`/api/ebay-accounts/${accountId}/sync/transactions`).set(owner.auth);

  async function creationsOn(service: Pick<TestApp, 'http'>): Promise<number> {
    const scrape = parsePrometheusText((await service.http.get('/metrics').expect(200)).text);
    return scrape.samples.filter((sample) => sample.name === CREATIONS && sample.labels.outcome === 'created').reduce((sum, sample) => sum + sample.value, 0);
  }

  beforeAll(async () => {
    ({ emulator } = await startTestEbay());
    stub = await startKeyManagementStub(ebayEnv(emulator) as { EBAY_API_BASE_URL: string; EBAY_APIZ_BASE_URL: string });
    stubEnv = { ...stub.env };
    t = await startConnectedApp(emulator, { env: stubEnv });
    owner = await registerAndLogin(t.http);
    for (const ebayUser of ['seller_one', 'seller_two', 'seller_three']) {
      accounts.push((await connectAccount(t, owner, { ebayUser })).id);
    }
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await stub.close();
    await emulator.close();
  });

  it('answers 503 and sends eBay nothing while Key Management is down, asking it once per few seconds', async () => {
    stub.failWith(503);
    stub.clearForwarded();

    const first = await syncTransactions(t, accounts[0]).expect(503);
    const second = await syncTransactions(t, accounts[0]).expect(503);

    for (const response of [first, second]) {
      expect(response.body).toMatchObject({ statusCode: 503, code: 'signing_unavailable' });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(first.body.message).toContain('eBay Key Management createSigningKey failed: HTTP 503');
    expect(stub.keyRequests).toBe(1);
    expect(financeCalls()).toEqual([]);
    expect((await storedKey())?.signing_key_id ?? null).toBeNull();

    stub.failWith(undefined);
    // Past the few seconds this process keeps quiet after a failure.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
  }, 30_000);

  describe('with replicas', () => {
    let replicas: ReplicaProcess[] = [];

    afterAll(async () => {
      await Promise.all(replicas.map((replica) => replica.stop()));
    });

    it('makes one key for three processes that need it at once, and signs every Finances call with it', async () => {
      replicas = await Promise.all([1, 2].map(() => startReplicaProcess(t.database, emulator, stubEnv)));
      const services = [t, ...replicas];
      stub.clearForwarded();
      stub.setLatency(500);
      const requestsBefore = stub.keyRequests;

      const responses = await Promise.all(services.map((service, i) => syncTransactions(service, accounts[i])));

      expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
      expect(stub.keyRequests - requestsBefore).toBe(1);
      expect(stub.keys).toHaveLength(1);
      const [key] = stub.keys;
      const calls = financeCalls();
      expect(calls.length).toBeGreaterThanOrEqual(3);
      for (const call of calls) {
        expect(call.headers['x-ebay-signature-key']).toBe(key.jwe);
        expect(call.headers['content-digest']).toBeUndefined();
        expect(call.headers['signature-input']).toMatch(/^sig1=\("x-ebay-signature-key" "@method" "@path" "@authority"\);created=\d+$/);
        expect(verifyEbaySignature(call, stub.publicKeyOf)).toBe('valid');
      }
      // The check is not a formality: what an attacker changes no longer verifies.
      const [sample] = calls;
      expect(verifyEbaySignature({ ...sample, url: sample.url.replace('/transaction', '/payout') }, stub.publicKeyOf)).toBe(
        'invalid signature',
      );
      expect(verifyEbaySignature({ ...sample, method: 'DELETE' }, stub.publicKeyOf)).toBe('invalid signature');
      expect(
        verifyEbaySignature({ ...sample, headers: { ...sample.headers, host: 'apiz.ebay.com' } }, stub.publicKeyOf),
      ).toBe('invalid signature');

      const counts = await Promise.all(services.map((service) => creationsOn(service)));
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1);
    }, 120_000);

    it('stores the private key encrypted, never in clear', async () => {
      const [key] = stub.keys;
      const row = await storedKey();

      expect(row).toMatchObject({ signing_key_id: key.signingKeyId, public_key: key.publicKey, jwe: key.jwe, lease_id: null });
      const der = Buffer.from(key.privateKey, 'base64');
      for (const clear of [key.privateKey, der.toString('base64url'), der.toString('hex'), der.subarray(16).toString('base64')]) {
        expect(row!.private_key).not.toContain(clear);
      }
      expect(row!.private_key).toMatch(/^v1\.test1\./);
      const cipher = new TokenCipher({ encryptionKeys: parseEncryptionKeys(TEST_ENCRYPTION_KEYS) } as unknown as TokensConfig);
      expect(cipher.decrypt(row!.private_key!, signingKeyContext(TEST_CLIENT.clientId))).toBe(key.privateKey);
    });

    it('leaves calls outside the scope unsigned: orders, identity, the token endpoint', async () => {
      stub.clearForwarded();
      await t.http.post(`/api/ebay-accounts/${accounts[0]}/sync/orders`).set(owner.auth).expect(200);
      await connectAccount(t, owner, { ebayUser: 'seller_quiet' });

      const paths = stub.forwarded.map((request) => request.url.split('?', 1)[0]);
      expect(paths).toEqual(
        expect.arrayContaining(['/sell/fulfillment/v1/order', '/identity/v1/oauth2/token', '/commerce/identity/v1/user/']),
      );
      for (const request of stub.forwarded) {
        for (const header of SIGNATURE_HEADERS) expect(request.headers[header]).toBeUndefined();
      }
    }, 30_000);
  });

  it('re-encrypts the key with npm run tokens:reencrypt, and a replica with only the new key signs with it', async () => {
    const [key] = stub.keys;
    const reencrypt = () =>
      runCli('reencrypt-tokens.js', [], {
        env: { DATABASE_URL: t.database.url, TOKEN_ENCRYPTION_KEYS: `${newKey},${TEST_ENCRYPTION_KEYS}` },
      });

    expect(await reencrypt()).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Re-encrypted 1 signing key\(s\) with key "test2"\.$/m),
    });
    expect(await reencrypt()).toMatchObject({ code: 0, stdout: expect.stringContaining('Re-encrypted 0 signing key(s)') });
    expect((await storedKey())!.private_key).toMatch(/^v1\.test2\./);

    const replica = await startReplicaProcess(t.database, emulator, { ...stubEnv, TOKEN_ENCRYPTION_KEYS: newKey });
    try {
      stub.clearForwarded();
      await syncTransactions(replica, accounts[1]).expect(200);
    } finally {
      await replica.stop();
    }
    expect(stub.keys).toHaveLength(1);
    expect(financeCalls().length).toBeGreaterThan(0);
    for (const call of financeCalls()) {
      expect(call.headers['x-ebay-signature-key']).toBe(key.jwe);
      expect(verifyEbaySignature(call, stub.publicKeyOf)).toBe('valid');
    }
  }, 120_000);

  it('makes a new key thirty days before the current one expires, and signs with it from then on', async () => {
    const [old] = stub.keys;
    // The key as it stands 29 days before its expiry.
    await withDatabase(t.database.url, (client) =>
      client.query(
        `UPDATE ebay_signing_keys SET key_created_at = now() - interval '3 years', expires_at = now() + interval '29 days'
          WHERE client_id = $1`,
        [TEST_CLIENT.clientId],
      ),
    );

    // A process that has not read the key yet (the others' memory holds it for up to a minute),
    // with the key ring the re-encryption left.
    const replica = await startReplicaProcess(t.database, emulator, { ...stubEnv, TOKEN_ENCRYPTION_KEYS: newKey });
    try {
      stub.clearForwarded();
      await syncTransactions(replica, accounts[2]).expect(200);
      await syncTransactions(replica, accounts[0]).expect(200);
      expect(parsePrometheusText((await replica.http.get('/metrics').expect(200)).text).value(CREATIONS, {
        reason: 'renewal',
        outcome: 'created',
      })).toBe(1);
    } finally {
      await replica.stop();
    }

    expect(stub.keys).toHaveLength(2);
    const renewed = stub.keys[1];
    const row = await storedKey();
    expect(row).toMatchObject({ signing_key_id: renewed.signingKeyId, jwe: renewed.jwe, lease_id: null });
    expect(row!.expires_at!.getTime()).toBeGreaterThan(Date.now() + 365 * 24 * 3600 * 1000);
    expect(row!.signing_key_id).not.toBe(old.signingKeyId);
    for (const call of financeCalls()) {
      expect(call.headers['x-ebay-signature-key']).toBe(renewed.jwe);
      expect(verifyEbaySignature(call, stub.publicKeyOf)).toBe('valid');
    }
  }, 120_000);
});
