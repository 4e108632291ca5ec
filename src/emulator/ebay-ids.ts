import { createHash } from 'node:crypto';
import { SeededRandom } from './seeded-random';

/**
 * Identifiers in eBay's formats, unique within one emulator: order ids `12-34567-89012`,
 * 12-digit legacy item ids, 14-digit line item ids, 12-digit transaction ids. Drawn from a
 * seeded sequence so a reset replays the same ids.
 */
export class EbayIds {
  private readonly random: SeededRandom;
  private readonly taken = new Set<string>();

  /** A fresh sequence, or one resumed at a `position` a state file kept. */
  constructor(position = 0x0eba7) {
    this.random = new SeededRandom(position);
  }

  get position(): number {
    return this.random.position;
  }

  /** Records an id chosen elsewhere (a test adding order "12-00000-00001"); false if taken. */
  claim(id: string): boolean {
    if (this.taken.has(id)) return false;
    this.taken.add(id);
    return true;
  }

  orderId(): string {
    return this.fresh(() => `${this.random.digits(2)}-${this.random.digits(5)}-${this.random.digits(5)}`);
  }

  legacyItemId(): string {
    return this.fresh(() => `${this.random.integer(1, 3)}${this.random.digits(11)}`);
  }

  lineItemId(): string {
    return this.fresh(() => `100${this.random.digits(11)}`);
  }

  transactionId(): string {
    return this.fresh(() => `${this.random.integer(5, 9)}${this.random.digits(11)}`);
  }

  private fresh(draw: () => string): string {
    for (;;) {
      const id = draw();
      if (this.claim(id)) return id;
    }
  }
}

/**
 * eBay's immutable user id for a username that came without one: stable across runs, and in
 * the same alphabet as eBay's (`nY+sHZ2PrBmdj6wVnY`), '+' and '/' included.
 */
export function userIdFor(username: string): string {
  return createHash('sha256').update(`ebay-emulator-user:${username}`).digest('base64').slice(0, 18);
}
