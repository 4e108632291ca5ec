import { generateKeyPairSync } from 'node:crypto';
import type { Clock } from '../common/time/clock';
import type { EbayNotificationClient, PublicKeyLookup } from '../ebay';
import { SignatureRejectedError, SigningKeyLookupsExhaustedError } from './account-deletion.errors';
import { KEY_LOOKUPS_PER_MINUTE, KEY_TTL_MS, SigningKeyCache } from './signing-key-cache';

const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

class MovableClock implements Clock {
  ms = Date.parse('2026-03-19T20:00:00.000Z');
  now(): Date {
    return new Date(this.ms);
  }
}

/** eBay's Notification API as far as the cache sees it: one known kid, a count of calls. */
class FakeNotifications {
  calls: string[] = [];
  release: () => void = () => undefined;
  private gate: Promise<void> = Promise.resolve();

  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  async getPublicKey(kid: string): Promise<PublicKeyLookup> {
    this.calls.push(kid);
    await this.gate;
    return kid === 'known' ? { kind: 'found', key: { algorithm: 'ECDSA', digest: 'SHA1', key: publicKey } } : { kind: 'unknown' };
  }
}

function setUp(): { cache: SigningKeyCache; ebay: FakeNotifications; clock: MovableClock } {
  const ebay = new FakeNotifications();
  const clock = new MovableClock();
  return { cache: new SigningKeyCache(ebay as unknown as EbayNotificationClient, clock), ebay, clock };
}

describe('SigningKeyCache', () => {
  it('asks eBay once for a kid that many notifications name at the same time, and again after an hour', async () => {
    const { cache, ebay, clock } = setUp();
    ebay.hold();
    const keys = Promise.all(Array.from({ length: 20 }, () => cache.keyFor('known')));
    ebay.release();
    expect(new Set(await keys)).toEqual(new Set([publicKey]));
    await cache.keyFor('known');
    expect(ebay.calls).toEqual(['known']);

    clock.ms += KEY_TTL_MS + 1;
    await cache.keyFor('known');
    expect(ebay.calls).toEqual(['known', 'known']);
  });

  it('refuses a kid eBay does not know as a bad signature, and does not ask about it again soon', async () => {
    const { cache, ebay } = setUp();
    await expect(cache.keyFor('made-up')).rejects.toBeInstanceOf(SignatureRejectedError);
    await expect(cache.keyFor('made-up')).rejects.toBeInstanceOf(SignatureRejectedError);
    expect(ebay.calls).toEqual(['made-up']);
  });

  it('looks up at most its budget of new kids a minute, and keeps serving the keys it has', async () => {
    const { cache, ebay, clock } = setUp();
    await cache.keyFor('known');
    for (let i = 1; i < KEY_LOOKUPS_PER_MINUTE; i++) await expect(cache.keyFor(`flood-${i}`)).rejects.toBeInstanceOf(SignatureRejectedError);
    await expect(cache.keyFor('flood-over')).rejects.toBeInstanceOf(SigningKeyLookupsExhaustedError);
    expect(ebay.calls).toHaveLength(KEY_LOOKUPS_PER_MINUTE);
    expect(await cache.keyFor('known')).toBe(publicKey);

    clock.ms += 60_000;
    await expect(cache.keyFor('flood-over')).rejects.toBeInstanceOf(SignatureRejectedError);
    expect(ebay.calls).toHaveLength(KEY_LOOKUPS_PER_MINUTE + 1);
  });
});
