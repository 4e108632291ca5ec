import type { EbayUser } from './ebay-wire.types';
import type { SellerBookSnapshot } from './seller-records';
import type { TokenStoreSnapshot } from './token-store';

/**
 * What outlives a restart when the emulator has a state file: what real eBay would remember.
 * Test controls (faults, latency, stats, clock offset) and configuration (apps, RuNames) are
 * not in it.
 */
export interface EmulatorSnapshot {
  /** Where the id sequence stands, so ids drawn after a restart are new ones. */
  readonly idPosition: number;
  /** In the order the control API lists them. */
  readonly sellers: readonly SellerSnapshot[];
  readonly tokens: TokenStoreSnapshot;
}

export interface SellerSnapshot extends SellerBookSnapshot {
  readonly user: EbayUser;
}
