import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Clock } from '../../src/common/time/clock';
import type { MetricsConfig, TokensConfig } from '../../src/config/configuration';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { classifyApiFailure } from '../../src/ebay/ebay-error.classifier';
import type { EbayConnection } from '../../src/ebay/ebay-connection';
import type { EbayKeyManagementClient } from '../../src/ebay/ebay-key-management.client';
import type { CreatedSigningKey } from '../../src/ebay/ebay-signing-key';
import { EbayApiError } from '../../src/ebay/ebay.errors';
import { MetricsRegistry } from '../../src/metrics/metrics-registry';
import { MetricsService } from '../../src/metrics/metrics.service';
import { SigningKeyProvider } from '../../src/tokens/signing-key.provider';
import { SigningKeyRepository } from '../../src/tokens/signing-key.repository';
import { TokenCipher } from '../../src/tokens/token-cipher';
import { signingKeyContext } from '../../src/tokens/token-context';
import { reencryptAllSigningKeys } from '../../src/tokens/token-reencryptor';
import { SigningUnavailableError } from '../../src/tokens/tokens.errors';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const DAY_MS = 24 * 3600 * 1000;
const KEY = { id: 'k1', key: randomBytes(32) };
const cipherWith = (...keys: (typeof KEY)[]): TokenCipher => new TokenCipher({ encryptionKeys: keys } as unknown as TokensConfig);

/** A clock tests move by hand; replicas share it, as they share real time. */
class TestClock implements Clock {
  private at = new Date('2026-03-01T00:00:00Z');
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/**
 * eBay's Key Management API as the provider sees it: real Ed25519 keys that live
 * `lifetimeMs`, made after `latencyMs`, or a failure when one is set.
 */
class FakeKeyManagement {
  readonly made: CreatedSigningKey[] = [];
  calls = 0;
  latencyMs = 0;
  lifetimeMs = 3 * 365 * DAY_MS;
  failure: EbayApiError | undefined;

  constructor(private readonly clock: TestClock) {}

  async createSigningKey(): Promise<CreatedSigningKey> {
    this.calls++;
    await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (this.failure !== undefined) throw this.failure;
    const pair = generateKeyPairSync('ed25519');
    const createdAt = this.clock.now();
    const key: CreatedSigningKey = {
      signingKeyId: randomUUID(),
      signingKeyCipher: 'ED25519',
      publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      jwe: `jwe.${randomUUID()}`,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + this.lifetimeMs),
    };
    this.made.push(key);
    return key;
  }
}

const unavailable = (status: number): EbayApiError =>
  new EbayApiError(classifyApiFailure({ status }), { status }, 'Key Management createSigningKey');

/**
 * The keyset's signing key across replicas, against a real PostgreSQL: replicas are providers
 * on DataSources of their own (two pools), eBay is a fake, time is a clock the test moves.
 */
describe('SigningKeyProvider on PostgreSQL', () => {
  let database: TestDatabase;
  const dataSources: DataSource[] = [];
  let clock: TestClock;
  let ebay: FakeKeyManagement;
  let clientId: string;
  let metrics: MetricsService;

  function aReplica(dataSource: DataSource, cipher = cipherWith(KEY)): SigningKeyProvider {
    return new SigningKeyProvider(
      new SigningKeyRepository(dataSource),
      ebay as unknown as EbayKeyManagementClient,
      { clientId } as EbayConnection,
      cipher,
      clock,
      metrics,
    );
  }

  async function storedRow(): Promise<{ signing_key_id: string; private_key: string; lease_id: string | null }> {
    const [row] = (await dataSources[0].query(
      'SELECT signing_key_id, private_key, lease_id FROM ebay_signing_keys WHERE client_id = $1',
      [clientId],
    )) as { signing_key_id: string; private_key: string; lease_id: string | null }[];
    return row;
  }

  async function creations(): Promise<string> {
    const text = await (metrics as unknown as { metrics: MetricsRegistry }).metrics.scrape();
    return text
      .split('\n')
      .filter((line) => line.startsWith('ebay_connect_ebay_signing_key_creations_total{'))
      .sort()
      .join('\n');
  }

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: true });
    for (let i = 0; i < 2; i++) {
      dataSources.push(await new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 3 })).initialize());
    }
  });
  afterAll(async () => {
    for (const dataSource of dataSources) await dataSource.destroy();
    await database.drop();
  });
  beforeEach(() => {
    clock = new TestClock();
    ebay = new FakeKeyManagement(clock);
    // A keyset of its own per test: each starts with no key.
    clientId = `keyset-${randomUUID()}`;
    metrics = new MetricsService(new MetricsRegistry({ enabled: false } as MetricsConfig));
  });

  it('makes one key for three callers on two replicas at once, and stores it encrypted', async () => {
    ebay.latencyMs = 300;
    const replicas = [aReplica(dataSources[0]), aReplica(dataSources[0]), aReplica(dataSources[1])];

    const keys = await Promise.all(replicas.map((replica) => replica.current()));

    expect(ebay.calls).toBe(1);
    const [made] = ebay.made;
    expect(keys.map((key) => key.signingKeyId)).toEqual([made.signingKeyId, made.signingKeyId, made.signingKeyId]);
    expect(keys.map((key) => key.jwe)).toEqual([made.jwe, made.jwe, made.jwe]);
    const row = await storedRow();
    expect(row).toMatchObject({ signing_key_id: made.signingKeyId, lease_id: null });
    expect(row.private_key).toMatch(/^v1\.k1\./);
    expect(row.private_key).not.toContain(made.privateKey);
    expect(cipherWith(KEY).decrypt(row.private_key, signingKeyContext(clientId))).toBe(made.privateKey);
    // Bound to its keyset: the same ciphertext does not decrypt as another keyset's key.
    expect(() => cipherWith(KEY).decrypt(row.private_key, signingKeyContext('another-keyset'))).toThrow();
    expect(await creations()).toBe('ebay_connect_ebay_signing_key_creations_total{reason="missing",outcome="created"} 1');
  });

  it('serves the key from memory for a minute, then reads the row again', async () => {
    const replica = aReplica(dataSources[0]);
    const first = await replica.current();
    // Another replica's renewal, as it would land in the row.
    await dataSources[1].query('UPDATE ebay_signing_keys SET jwe = $2 WHERE client_id = $1', [clientId, 'jwe.renewed']);

    clock.advance(59_000);
    expect((await replica.current()).jwe).toBe(first.jwe);
    clock.advance(2_000);
    expect((await replica.current()).jwe).toBe('jwe.renewed');
    expect(ebay.calls).toBe(1);
  });

  it('renews thirty days ahead of expiry, once, while the other replicas go on signing', async () => {
    ebay.lifetimeMs = 90 * DAY_MS;
    const [a, b] = [aReplica(dataSources[0]), aReplica(dataSources[1])];
    const old = await a.current();
    await b.current();

    clock.advance(59 * DAY_MS);
    expect((await a.current()).signingKeyId).toBe(old.signingKeyId);
    expect(ebay.calls).toBe(1);

    clock.advance(2 * DAY_MS);
    ebay.latencyMs = 300;
    const renewing = a.current();
    // While a renews, b signs with the key that is still valid rather than waiting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await b.current()).signingKeyId).toBe(old.signingKeyId);
    const renewed = await renewing;

    expect(renewed.signingKeyId).not.toBe(old.signingKeyId);
    expect(renewed.signingKeyId).toBe(ebay.made[1].signingKeyId);
    expect(ebay.calls).toBe(2);
    expect((await storedRow()).signing_key_id).toBe(renewed.signingKeyId);
    // b's next read (a few seconds on: the renewal was due) finds the new key and does not renew again.
    clock.advance(6_000);
    expect((await b.current()).signingKeyId).toBe(renewed.signingKeyId);
    expect(ebay.calls).toBe(2);
    expect(await creations()).toBe(
      [
        'ebay_connect_ebay_signing_key_creations_total{reason="missing",outcome="created"} 1',
        'ebay_connect_ebay_signing_key_creations_total{reason="renewal",outcome="created"} 1',
      ].join('\n'),
    );
  });

  it('keeps signing with the current key when a renewal fails, and tries again a minute later', async () => {
    ebay.lifetimeMs = 40 * DAY_MS;
    const replica = aReplica(dataSources[0]);
    const old = await replica.current();
    clock.advance(21 * DAY_MS);
    ebay.failure = unavailable(503);

    expect((await replica.current()).signingKeyId).toBe(old.signingKeyId);
    expect(ebay.calls).toBe(2);
    expect((await storedRow()).lease_id).toBeNull();
    clock.advance(30_000);
    expect((await replica.current()).signingKeyId).toBe(old.signingKeyId);
    expect(ebay.calls).toBe(2);

    ebay.failure = undefined;
    clock.advance(31_000);
    expect((await replica.current()).signingKeyId).toBe(ebay.made[1].signingKeyId);
    expect(ebay.calls).toBe(3);
  });

  it('replaces an expired key before it signs anything with it', async () => {
    ebay.lifetimeMs = 10 * DAY_MS;
    const replica = aReplica(dataSources[0]);
    const old = await replica.current();
    // Renewal could not happen (say the service was down for weeks): the key is past its expiry.
    clock.advance(11 * DAY_MS);

    const key = await replica.current();

    expect(key.signingKeyId).not.toBe(old.signingKeyId);
    expect(key.expiresAt.getTime()).toBeGreaterThan(clock.now().getTime());
    expect(await creations()).toContain('{reason="missing",outcome="created"} 2');
  });

  it('answers 503 when eBay cannot make the first key, and the waiting replica reports it without asking eBay again', async () => {
    ebay.latencyMs = 300;
    ebay.failure = unavailable(503);
    const [a, b] = [aReplica(dataSources[0]), aReplica(dataSources[1])];

    const results = await Promise.allSettled([a.current(), b.current()]);

    expect(ebay.calls).toBe(1);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as SigningUnavailableError;
      expect(error).toBeInstanceOf(SigningUnavailableError);
      expect(error.kind).toBe('unavailable');
      expect(error.code).toBe('signing_unavailable');
      expect(error.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect((await storedRow()).lease_id).toBeNull();
    expect(await creations()).toBe('ebay_connect_ebay_signing_key_creations_total{reason="missing",outcome="failed"} 1');
  });

  it('asks eBay again only a few seconds after a failure, and answers 502 when eBay refuses outright', async () => {
    ebay.failure = unavailable(400);
    const replica = aReplica(dataSources[0]);
    await expect(replica.current()).rejects.toMatchObject({ kind: 'bad_gateway', code: 'signing_unavailable' });
    await expect(replica.current()).rejects.toMatchObject({ kind: 'unavailable', code: 'signing_unavailable' });
    expect(ebay.calls).toBe(1);

    ebay.failure = undefined;
    clock.advance(6_000);
    expect((await replica.current()).signingKeyId).toBe(ebay.made[0].signingKeyId);
    expect(ebay.calls).toBe(2);
  });

  it('takes over the lease of a replica that died while making the key', async () => {
    const repository = new SigningKeyRepository(dataSources[1]);
    await repository.ensureRow(clientId);
    expect((await repository.tryLease(clientId, randomUUID(), 1, null)).leased).toBe(true);
    const replica = aReplica(dataSources[0]);

    // The dead holder's lease runs out (database time) and the waiter finds no key: it says so...
    await expect(replica.current()).rejects.toBeInstanceOf(SigningUnavailableError);
    // ...and the next request makes it.
    clock.advance(6_000);
    expect((await replica.current()).signingKeyId).toBe(ebay.made[0].signingKeyId);
  });

  it('re-encrypts the stored private key with the new first key, once', async () => {
    const made = await aReplica(dataSources[0]).current();
    const newKey = { id: 'k2', key: randomBytes(32) };
    const rotated = cipherWith(newKey, KEY);

    expect(await reencryptAllSigningKeys(dataSources[0], rotated)).toBeGreaterThanOrEqual(1);
    expect(await reencryptAllSigningKeys(dataSources[0], rotated)).toBe(0);

    const row = await storedRow();
    expect(row.private_key).toMatch(/^v1\.k2\./);
    clock.advance(61_000);
    // A replica that has only the new key signs with the same key.
    expect((await aReplica(dataSources[1], cipherWith(newKey)).current()).signingKeyId).toBe(made.signingKeyId);
  });
});
