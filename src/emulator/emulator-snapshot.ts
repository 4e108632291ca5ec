import type { EbayUser } from './ebay-wire.types';
import type { StoredInventoryItem } from './inventory-items';
import type { SellerBookSnapshot } from './seller-records';
import type { SigningKeyRecord } from './signing-keys';
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
  /** Key Management's keys, public halves only: a service holding a key keeps using it. */
  readonly signingKeys: readonly SigningKeyRecord[];
}

export interface SellerSnapshot extends SellerBookSnapshot {
  readonly user: EbayUser;
  readonly inventoryItems: readonly StoredInventoryItem[];
}
