import type { AccountDeletionEndpoint } from './account-deletion.types';
import { ApiUsage } from './api-usage';
import { AppRegistry } from './app-registry';
import { CallStats } from './call-stats';
import { EbayIds } from './ebay-ids';
import type { EbayUser } from './ebay-wire.types';
import { EmulatorClock } from './emulator-clock';
import type { EmulatorSettings, EmulatorUserSeed } from './emulator-options';
import type { EmulatorSnapshot } from './emulator-snapshot';
import { FaultInjector } from './fault-injector';
import { InventoryItems } from './inventory-items';
import { currencyOf } from './record-factory';
import { NotificationSigner } from './notification-signer';
import { generateSellerHistory } from './seed-data';
import { SellerRecords } from './seller-records';
import { SigningKeys } from './signing-keys';
import { TestUsers, type UserChanges } from './test-users';
import { TokenStore } from './token-store';

/**
 * Everything one emulator instance knows. Nothing here is module-level, so two emulators in
 * one process (two test files in one worker) never see each other's tokens or orders.
 */
export class EmulatorState {
  private readonly changeListeners: (() => void)[] = [];
  // The stores call this after each change to what snapshot() returns, so a state file is
  // written when something changed and never because something was read.
  private readonly changed = (): void => {
    for (const listener of this.changeListeners) listener();
  };
  readonly clock = new EmulatorClock();
  readonly apps: AppRegistry;
  readonly users = new TestUsers(this.changed);
  readonly tokens: TokenStore;
  /** Each seller's inventory items, written through Sell Inventory. */
  readonly inventory = new InventoryItems(this.changed);
  /** Key Management's signing keys, per app; the public halves only. */
  readonly signingKeys = new SigningKeys(this.changed);
  readonly faults = new FaultInjector();
  readonly stats = new CallStats();
  /** Today's served calls per app and per seller, for Developer Analytics and daily limits. */
  readonly usage = new ApiUsage(() => this.clock.nowMs());
  /** Added to every eBay call (not control calls), for benchmarks that want a realistic eBay. */
  latencyMs = 0;
  /** Signs Marketplace Account Deletion notifications; made at start, kept across resets. */
  readonly signer = new NotificationSigner();
  /** Where account deletion notifications go, once registered; configuration, kept across resets. */
  accountDeletionEndpoint: AccountDeletionEndpoint | undefined;
  private ids = new EbayIds();
  private sellerRecords = new SellerRecords(this.ids, this.changed);

  constructor(readonly settings: EmulatorSettings) {
    this.apps = new AppRegistry(settings.apps);
    this.tokens = new TokenStore(() => this.clock.nowMs(), this.changed);
    this.reset();
  }

  /** Calls `listener` after every change to what snapshot() returns (test controls and apps are not in it). */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  get records(): SellerRecords {
    return this.sellerRecords;
  }

  /** Back to the seeded start: users, their history, tokens, faults, latency, clock, stats, usage. Apps stay. */
  reset(): void {
    this.clock.offsetSeconds = 0;
    this.latencyMs = 0;
    this.faults.clear();
    this.stats.clear();
    this.usage.clear();
    this.tokens.clear();
    this.users.clear();
    this.inventory.clear();
    this.signingKeys.clear();
    this.ids = new EbayIds();
    this.sellerRecords = new SellerRecords(this.ids, this.changed);
    for (const seed of this.settings.users) this.addUser(seed);
  }

  /**
   * Users, their records, inventory items and live tokens, and the signing keys, for a state file. It shares the records rather
   * than copying them: serialise it before the next change.
   */
  snapshot(): EmulatorSnapshot {
    return {
      idPosition: this.ids.position,
      sellers: this.users.list().map((user) => ({
        user,
        ...this.sellerRecords.snapshot(user.userId),
        inventoryItems: this.inventory.list(user.userId),
      })),
      tokens: this.tokens.snapshot(),
      signingKeys: this.signingKeys.snapshot(),
    };
  }

  /**
   * Replaces users, records and tokens with a snapshot's (expired tokens left out). Test
   * controls and apps stay as they are. Throws on a snapshot no emulator could have taken
   * (two users of one name, an id used twice); reset() then gives a clean start.
   */
  restore(snapshot: EmulatorSnapshot): void {
    this.users.clear();
    this.inventory.clear();
    this.ids = new EbayIds(snapshot.idPosition);
    this.sellerRecords = new SellerRecords(this.ids, this.changed);
    for (const { user, inventoryItems, ...book } of snapshot.sellers) {
      this.users.add(user);
      this.sellerRecords.reopen(user.userId, book);
      for (const item of inventoryItems) this.inventory.put(user.userId, item);
    }
    this.tokens.restore(snapshot.tokens);
    this.signingKeys.restore(snapshot.signingKeys);
  }

  /** A new test seller with a generated history ending at the emulator's now. */
  addUser(seed: EmulatorUserSeed): EbayUser {
    const user = this.users.add(seed);
    const history = generateSellerHistory(seed, this.clock.nowMs(), this.ids);
    this.sellerRecords.open(user.userId, currencyOf(user.registrationMarketplaceId), history);
    return user;
  }

  updateUser(username: string, changes: UserChanges): EbayUser {
    const user = this.users.get(username);
    const isRenamed = changes.username !== undefined && changes.username !== user.username;
    const updated = this.users.update(username, changes);
    // eBay revokes a seller's refresh tokens when they change their username.
    if (isRenamed) this.tokens.revokeRefreshTokensOf(user.userId);
    return updated;
  }

  /** As a password change does at eBay. */
  revokeRefreshTokens(username: string): number {
    return this.tokens.revokeRefreshTokensOf(this.users.get(username).userId);
  }

  invalidateAccessTokens(username?: string): number {
    return this.tokens.invalidateAccessTokens(username === undefined ? undefined : this.users.get(username).userId);
  }
}
