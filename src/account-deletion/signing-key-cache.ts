import type { KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Clock } from '../common/time/clock';
import { EbayNotificationClient } from '../ebay';
import { SignatureRejectedError, SigningKeyLookupsExhaustedError } from './account-deletion.errors';
import { FetchBudget } from './fetch-budget';

/** eBay asks apps to keep a key about an hour rather than fetch it per notification. */
export const KEY_TTL_MS = 60 * 60_000;
/** eBay signs with a handful of keys at a time; this many is plenty and bounds the memory. */
const MAX_KEYS = 50;
/** A kid eBay does not know is not asked about again for this long. */
const UNKNOWN_KID_TTL_MS = 10 * 60_000;
const MAX_UNKNOWN_KIDS = 1_000;
/** Lookups of kids not cached, per process and minute: a flood of made-up kids costs eBay no more. */
export const KEY_LOOKUPS_PER_MINUTE = 10;

/**
 * The public keys notifications are signed with, by kid: fetched from eBay's Notification API
 * once per kid (concurrent asks for one kid share the fetch), kept KEY_TTL_MS, at most MAX_KEYS.
 * Kids eBay does not know are remembered apart, so they never push real keys out, and new
 * lookups are capped per minute.
 */
@Injectable()
export class SigningKeyCache {
  private readonly keys: LRUCache<string, KeyObject>;
  private readonly unknownKids: LRUCache<string, true>;
  private readonly budget = new FetchBudget(KEY_LOOKUPS_PER_MINUTE, 60_000);

  constructor(
    private readonly notifications: EbayNotificationClient,
    private readonly clock: Clock,
  ) {
    // Ages by the injected clock, read on every look (no cached "now"), so expiry is testable.
    const timing = { perf: { now: (): number => this.clock.now().getTime() }, ttlResolution: 0 };
    this.keys = new LRUCache<string, KeyObject>({ max: MAX_KEYS, ttl: KEY_TTL_MS, ...timing, fetchMethod: (kid) => this.lookUp(kid) });
    this.unknownKids = new LRUCache<string, true>({ max: MAX_UNKNOWN_KIDS, ttl: UNKNOWN_KID_TTL_MS, ...timing });
  }

  /**
   * The key for `kid`. A kid eBay does not know is refused as a bad signature (412); eBay's
   * failures propagate (503/502); a spent lookup budget is SigningKeyLookupsExhaustedError (503).
   */
  async keyFor(kid: string): Promise<KeyObject> {
    if (this.unknownKids.has(kid)) throw new SignatureRejectedError('unknown_key');
    const key = await this.keys.fetch(kid);
    if (key === undefined) throw new SignatureRejectedError('unknown_key');
    return key;
  }

  private async lookUp(kid: string): Promise<KeyObject | undefined> {
    const spent = this.budget.take(this.clock.now().getTime());
    if (!spent.allowed) throw new SigningKeyLookupsExhaustedError(spent.retryAfterSeconds);
    const lookup = await this.notifications.getPublicKey(kid);
    if (lookup.kind === 'found') return lookup.key.key;
    this.unknownKids.set(kid, true);
    return undefined;
  }
}
