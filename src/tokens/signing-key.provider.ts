import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { SingleFlight } from '../common/concurrency/single-flight';
import { DomainError } from '../common/errors/domain.error';
import { Clock } from '../common/time/clock';
import { sleep } from '../common/time/sleep';
import { type CreatedSigningKey, ed25519PrivateKey, EbayConnection, EbayError, EbayKeyManagementClient } from '../ebay';
import { MetricsService, type SigningKeyCreationReason } from '../metrics';
import {
  isSigningKeyUsable,
  SIGNING_KEY_LEASE_SECONDS,
  SIGNING_KEY_RENEWAL_RETRY_SECONDS,
  SIGNING_KEY_RETRY_SECONDS,
  SIGNING_KEY_WAIT_LIMIT_MS,
  signingKeyCheckAgainAt,
  signingKeyRenewAt,
} from './signing-key-policy';
import { type SigningKeyRow, SigningKeyRepository, type StoredSigningKey } from './signing-key.repository';
import { TokenCipher } from './token-cipher';
import { signingKeyContext } from './token-context';
import { SigningUnavailableError } from './tokens.errors';

/** The key that signs, decrypted and ready: what EbayRequestSigner needs of it. */
export interface SigningKey {
  readonly signingKeyId: string;
  readonly jwe: string;
  readonly privateKey: KeyObject;
  readonly expiresAt: Date;
}

interface CachedKey {
  readonly key: SigningKey;
  readonly checkAgainAtMs: number;
}

const FIRST_POLL_MS = 50;
const LONGEST_POLL_MS = 500;

/**
 * The keyset's signing key, one across replicas: read from ebay_signing_keys, made at eBay on
 * first need and again before it expires, by whichever replica takes the row's lease (one
 * statement; no transaction or lock is held while eBay answers). The others use the key they
 * have, or, when there is none yet, wait for the holder and read what it stored. Each process
 * keeps the decrypted key in memory for a minute at most (signing-key-policy.ts).
 */
@Injectable()
export class SigningKeyProvider {
  private readonly logger = new Logger('SigningKeyProvider');
  private readonly loads = new SingleFlight<SigningKey>();
  private cached: CachedKey | undefined;
  /** After eBay failed to make a key, this process does not ask again before then. */
  private quietUntilMs = 0;

  constructor(
    private readonly keys: SigningKeyRepository,
    private readonly keyManagement: EbayKeyManagementClient,
    private readonly ebay: EbayConnection,
    private readonly cipher: TokenCipher,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  /** The key to sign with now. Throws SigningUnavailableError when there is none to be had. */
  current(): Promise<SigningKey> {
    const cached = this.cached;
    if (cached !== undefined && this.clock.now().getTime() < cached.checkAgainAtMs) return Promise.resolve(cached.key);
    return this.loads.run('current', () => this.load());
  }

  private get clientId(): string {
    return this.ebay.clientId;
  }

  private async load(): Promise<SigningKey> {
    let row = await this.keys.find(this.clientId);
    if (row === null) {
      await this.keys.ensureRow(this.clientId);
      row = { key: null, isLeased: false };
    }
    const stored = row.key;
    const now = this.clock.now();
    if (stored !== null && isSigningKeyUsable(stored.expiresAt, now)) {
      const renewAt = signingKeyRenewAt(stored.createdAt, stored.expiresAt);
      if (now < renewAt || now.getTime() < this.quietUntilMs) return this.ready(stored);
      return this.renew(stored);
    }
    return this.createMissing(stored?.signingKeyId ?? null);
  }

  /**
   * The key is due for renewal but still signs: whoever takes the lease renews, everyone
   * else (and the holder, if eBay fails) goes on with the current key.
   */
  private async renew(current: StoredSigningKey): Promise<SigningKey> {
    const leaseId = randomUUID();
    const attempt = await this.keys.tryLease(this.clientId, leaseId, SIGNING_KEY_LEASE_SECONDS, current.signingKeyId);
    if (!attempt.leased) {
      const latest = attempt.row?.key;
      // Another replica renewed since we read; otherwise it is renewing now.
      const key = latest !== null && latest !== undefined && isSigningKeyUsable(latest.expiresAt, this.clock.now()) ? latest : current;
      return this.ready(key);
    }
    try {
      return await this.createUnderLease(leaseId, 'renewal');
    } catch (error) {
      this.logger.warn(
        { reason: error instanceof DomainError ? error.code : undefined, expiresAt: current.expiresAt },
        'Could not renew the signing key; signing with the current one until it is renewed',
      );
      return this.ready(current);
    }
  }

  /**
   * There is no key that signs (none yet, or the last one expired): one replica makes it and
   * the others wait for it. A holder that gives the lease back without a key failed; its
   * waiters report that rather than each asking eBay in turn.
   */
  private async createMissing(replacing: string | null): Promise<SigningKey> {
    if (this.clock.now().getTime() < this.quietUntilMs) {
      throw new SigningUnavailableError('eBay did not make a signing key a moment ago', SIGNING_KEY_RETRY_SECONDS);
    }
    const waitUntil = Date.now() + SIGNING_KEY_WAIT_LIMIT_MS;
    const leaseId = randomUUID();
    const attempt = await this.keys.tryLease(this.clientId, leaseId, SIGNING_KEY_LEASE_SECONDS, replacing);
    if (attempt.leased) return this.createUnderLease(leaseId, 'missing');
    const ready = this.usableKeyOf(attempt.row);
    if (ready !== undefined) return this.ready(ready);
    await this.waitForLease(waitUntil);
    const after = this.usableKeyOf(await this.keys.find(this.clientId));
    if (after !== undefined) return this.ready(after);
    throw new SigningUnavailableError('another replica could not make a signing key', SIGNING_KEY_RETRY_SECONDS);
  }

  private async createUnderLease(leaseId: string, reason: SigningKeyCreationReason): Promise<SigningKey> {
    let created: CreatedSigningKey;
    try {
      created = await this.keyManagement.createSigningKey();
    } catch (error) {
      this.metrics.countSigningKeyCreation(reason, 'failed');
      const quietSeconds = reason === 'renewal' ? SIGNING_KEY_RENEWAL_RETRY_SECONDS : SIGNING_KEY_RETRY_SECONDS;
      this.quietUntilMs = this.clock.now().getTime() + quietSeconds * 1000;
      await this.keys.releaseLease(this.clientId, leaseId).catch(() => undefined);
      throw unavailableBecauseOf(error);
    }
    this.metrics.countSigningKeyCreation(reason, 'created');
    const stored: StoredSigningKey = {
      signingKeyId: created.signingKeyId,
      cipher: created.signingKeyCipher,
      publicKey: created.publicKey,
      encryptedPrivateKey: this.cipher.encrypt(created.privateKey, signingKeyContext(this.clientId)),
      jwe: created.jwe,
      createdAt: created.createdAt,
      expiresAt: created.expiresAt,
    };
    if (!(await this.keys.storeUnderLease(this.clientId, leaseId, stored))) {
      // Our lease ran out while eBay answered and another replica stored a key: that one wins.
      this.logger.warn('The signing key lease ran out while eBay made a key; using the key stored meanwhile');
      const latest = this.usableKeyOf(await this.keys.find(this.clientId));
      if (latest === undefined) throw new SigningUnavailableError('the signing key lease was lost', 1);
      return this.ready(latest);
    }
    this.logger.log(
      { signingKeyId: created.signingKeyId, expiresAt: created.expiresAt, reason },
      'Made a new signing key with eBay’s Key Management API',
    );
    return this.ready(stored);
  }

  /** Polls (one indexed read, no connection held between reads) until the lease is free. */
  private async waitForLease(waitUntil: number): Promise<void> {
    let pollMs = FIRST_POLL_MS;
    while (!(await this.keys.isLeaseFree(this.clientId))) {
      if (Date.now() + pollMs > waitUntil) {
        throw new SigningUnavailableError('another replica is still making the signing key', 5);
      }
      await sleep(pollMs);
      pollMs = Math.min(LONGEST_POLL_MS, Math.round(pollMs * 1.5));
    }
  }

  private usableKeyOf(row: SigningKeyRow | null): StoredSigningKey | undefined {
    const key = row?.key;
    return key !== null && key !== undefined && isSigningKeyUsable(key.expiresAt, this.clock.now()) ? key : undefined;
  }

  /** The stored key decrypted, kept in memory until it should be read again (signing-key-policy.ts). */
  private ready(stored: StoredSigningKey): SigningKey {
    const privateKey = this.cipher.decrypt(stored.encryptedPrivateKey, signingKeyContext(this.clientId));
    const key: SigningKey = {
      signingKeyId: stored.signingKeyId,
      jwe: stored.jwe,
      privateKey: ed25519PrivateKey(privateKey),
      expiresAt: stored.expiresAt,
    };
    const checkAgainAt = signingKeyCheckAgainAt(signingKeyRenewAt(stored.createdAt, stored.expiresAt), this.clock.now());
    this.cached = { key, checkAgainAtMs: Math.min(checkAgainAt.getTime(), stored.expiresAt.getTime()) };
    return key;
  }
}

/** eBay's failure to make a key, as the caller of a signed request sees it: 503 or 502. */
function unavailableBecauseOf(error: unknown): Error {
  if (!(error instanceof EbayError)) return error instanceof Error ? error : new Error(String(error));
  return new SigningUnavailableError(error.message, error.retryAfterSeconds ?? SIGNING_KEY_RETRY_SECONDS, {
    isEbaysFault: error.failureKind !== 'transient',
  });
}
