import { Injectable } from '@nestjs/common';
import { ProxyConfig } from '../config/configuration';

/**
 * How many proxied calls each account has in flight on this replica. One busy account gets at
 * most EBAY_PROXY_MAX_CONCURRENT_PER_ACCOUNT at once, so it cannot take the HTTP and database
 * pools from the rest.
 */
@Injectable()
export class AccountCallSlots {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly config: ProxyConfig) {}

  /** Takes a slot; false when the account has none free. */
  tryTake(accountId: string): boolean {
    const taken = this.inFlight.get(accountId) ?? 0;
    if (taken >= this.config.maxConcurrentPerAccount) return false;
    this.inFlight.set(accountId, taken + 1);
    return true;
  }

  release(accountId: string): void {
    const taken = (this.inFlight.get(accountId) ?? 1) - 1;
    if (taken <= 0) this.inFlight.delete(accountId);
    else this.inFlight.set(accountId, taken);
  }
}
