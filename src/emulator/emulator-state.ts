import { AppRegistry } from './app-registry';
import { CallStats } from './call-stats';
import { EbayIds } from './ebay-ids';
import type { EbayUser } from './ebay-wire.types';
import { EmulatorClock } from './emulator-clock';
import type { EmulatorSettings, EmulatorUserSeed } from './emulator-options';
import { FaultInjector } from './fault-injector';
import { currencyOf } from './record-factory';
import { generateSellerHistory } from './seed-data';
import { SellerRecords } from './seller-records';
import { TestUsers, type UserChanges } from './test-users';
import { TokenStore } from './token-store';

/**
 * Everything one emulator instance knows. Nothing here is module-level, so two emulators in
 * one process (two test files in one worker) never see each other's tokens or orders.
 */
export class EmulatorState {
  readonly clock = new EmulatorClock();
  readonly apps: AppRegistry;
  readonly users = new TestUsers();
  readonly tokens: TokenStore;
  readonly faults = new FaultInjector();
  readonly stats = new CallStats();
  /** Added to every eBay call (not control calls), for benchmarks that want a realistic eBay. */
  latencyMs = 0;
  private ids = new EbayIds();
  private sellerRecords = new SellerRecords(this.ids);

  constructor(readonly settings: EmulatorSettings) {
    this.apps = new AppRegistry(settings.apps);
    this.tokens = new TokenStore(() => this.clock.nowMs());
    this.reset();
  }

  get records(): SellerRecords {
    return this.sellerRecords;
  }

  /** Back to the seeded start: users, their history, tokens, faults, latency, clock, stats. Apps stay. */
  reset(): void {
    this.clock.offsetSeconds = 0;
    this.latencyMs = 0;
    this.faults.clear();
    this.stats.clear();
    this.tokens.clear();
    this.users.clear();
    this.ids = new EbayIds();
    this.sellerRecords = new SellerRecords(this.ids);
    for (const seed of this.settings.users) this.addUser(seed);
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
