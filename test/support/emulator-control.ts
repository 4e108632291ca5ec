import type {
  AccountDeletionEndpoint,
  AccountDeletionRequest,
  ClockView,
  DeliveryResult,
  EbayOrder,
  EbayTransaction,
  EmulatorApp,
  EmulatorRuName,
  EmulatorStats,
  EmulatorUserSeed,
  FaultSpec,
  FaultView,
  InventoryItemView,
  NewOrder,
  NewTransaction,
  OrderChanges,
  SignedNotification,
  SigningKeyRecord,
  TestUserView,
  TransactionChanges,
  UsageView,
  UserChanges,
} from '../../src/emulator';

/**
 * A typed client of the emulator's control API (docs/emulator.md), for tests that need eBay
 * to fail, time to pass or a seller's data to change. Every call throws on a non-2xx answer,
 * with the emulator's message, so a mistyped fault fails the test that sent it.
 */
export class EmulatorControl {
  private readonly root: string;

  constructor(baseUrl: string) {
    this.root = `${baseUrl.replace(/\/$/, '')}/__emulator`;
  }

  /** Seeded users and data, no tokens, faults, latency, clock offset or stats. Apps stay. */
  reset(): Promise<void> {
    return this.send('POST', '/reset');
  }

  stats(): Promise<EmulatorStats> {
    return this.send('GET', '/stats');
  }

  clearStats(): Promise<void> {
    return this.send('DELETE', '/stats');
  }

  /** Today's served calls per app and per seller (by username), for each API resource, and the limits. */
  usage(): Promise<UsageView> {
    return this.send('GET', '/rate-limits');
  }

  /** The calls one seller made to one resource today (0 when none), whichever app made them. */
  async callsBy(username: string, resource: string): Promise<number> {
    return (await this.usage()).users[username]?.[resource] ?? 0;
  }

  /** A resource's daily limit (e.g. `sell.finances`: 3), so a test can reach it; null restores eBay's. */
  async setDailyLimit(resource: string, limit: number | null): Promise<void> {
    await this.send('PUT', `/rate-limits/${encodeURIComponent(resource)}`, { limit });
  }

  /** Counts back to zero, eBay's limits back in force. */
  clearUsage(): Promise<void> {
    return this.send('DELETE', '/rate-limits');
  }

  /** Every signing key Key Management issued, with the app it belongs to (never a private key). */
  signingKeys(): Promise<SigningKeyRecord[]> {
    return this.send('GET', '/signing-keys');
  }

  /** Forgets a signing key, as if eBay no longer knew it: signatures made with it are refused (215120). */
  forgetSigningKey(signingKeyId: string): Promise<void> {
    return this.send('DELETE', `/signing-keys/${encodeURIComponent(signingKeyId)}`);
  }

  addFault(fault: FaultSpec): Promise<FaultView> {
    return this.send('POST', '/faults', fault);
  }

  faults(): Promise<FaultView[]> {
    return this.send('GET', '/faults');
  }

  removeFault(id: string): Promise<void> {
    return this.send('DELETE', `/faults/${encodeURIComponent(id)}`);
  }

  clearFaults(): Promise<void> {
    return this.send('DELETE', '/faults');
  }

  async setLatency(latencyMs: number): Promise<void> {
    await this.send('PUT', '/latency', { latencyMs });
  }

  clock(): Promise<ClockView> {
    return this.send('GET', '/clock');
  }

  setClockOffset(offsetSeconds: number): Promise<ClockView> {
    return this.send('PUT', '/clock', { offsetSeconds });
  }

  /** Moves the emulator's now forward (or back, with a negative number) from where it is. */
  async advanceClock(seconds: number): Promise<ClockView> {
    const { offsetSeconds } = await this.clock();
    return this.setClockOffset(offsetSeconds + seconds);
  }

  users(): Promise<TestUserView[]> {
    return this.send('GET', '/users');
  }

  addUser(user: EmulatorUserSeed): Promise<TestUserView> {
    return this.send('POST', '/users', user);
  }

  updateUser(username: string, changes: UserChanges): Promise<TestUserView> {
    return this.send('PATCH', `/users/${encodeURIComponent(username)}`, changes);
  }

  /** As a password change does at eBay; resolves with how many were revoked. */
  async revokeRefreshTokens(username: string): Promise<number> {
    const { revoked } = await this.send<{ revoked: number }>(
      'POST',
      `/users/${encodeURIComponent(username)}/revoke-refresh-tokens`,
    );
    return revoked;
  }

  /** Every access token, or one seller's; their next use meets errorId 1001. */
  async invalidateAccessTokens(username?: string): Promise<number> {
    const { invalidated } = await this.send<{ invalidated: number }>(
      'POST',
      '/access-tokens/invalidate',
      username === undefined ? {} : { username },
    );
    return invalidated;
  }

  orders(username: string): Promise<EbayOrder[]> {
    return this.send('GET', `${this.seller(username)}/orders`);
  }

  addOrder(username: string, order: NewOrder = {}): Promise<EbayOrder> {
    return this.send('POST', `${this.seller(username)}/orders`, order);
  }

  /** Changes an order; lastModifiedDate moves to the emulator's now even with no changes. */
  updateOrder(username: string, orderId: string, changes: OrderChanges = {}): Promise<EbayOrder> {
    return this.send('PATCH', `${this.seller(username)}/orders/${encodeURIComponent(orderId)}`, changes);
  }

  transactions(username: string): Promise<EbayTransaction[]> {
    return this.send('GET', `${this.seller(username)}/transactions`);
  }

  addTransaction(username: string, transaction: NewTransaction): Promise<EbayTransaction> {
    return this.send('POST', `${this.seller(username)}/transactions`, transaction);
  }

  updateTransaction(username: string, transactionId: string, changes: TransactionChanges): Promise<EbayTransaction> {
    return this.send(
      'PATCH',
      `${this.seller(username)}/transactions/${encodeURIComponent(transactionId)}`,
      changes,
    );
  }

  /** A seller's inventory items as getInventoryItem answers each (with `sku` and `locale`). */
  inventoryItems(username: string): Promise<InventoryItemView[]> {
    return this.send('GET', `${this.seller(username)}/inventory-items`);
  }

  apps(): Promise<EmulatorApp[]> {
    return this.send('GET', '/apps');
  }

  registerApp(app: EmulatorApp): Promise<EmulatorApp> {
    return this.send('POST', '/apps', app);
  }

  registerRuName(clientId: string, ruName: EmulatorRuName): Promise<EmulatorApp> {
    return this.send('POST', `/apps/${encodeURIComponent(clientId)}/runames`, ruName);
  }

  /** Checks the endpoint with eBay's challenge and keeps it; throws with the reason when it answers wrong. */
  registerAccountDeletionEndpoint(endpoint: AccountDeletionEndpoint): Promise<{ endpointUrl: string; kid: string }> {
    return this.send('PUT', '/notifications/endpoint', endpoint);
  }

  /** Signs a Marketplace Account Deletion notification and POSTs it to the registered endpoint. */
  sendAccountDeletion(request: AccountDeletionRequest): Promise<DeliveryResult> {
    return this.send('POST', '/notifications/account-deletion', request);
  }

  /** A notification signed as eBay signs it, for a test to change or send itself. */
  signAccountDeletion(request: AccountDeletionRequest): Promise<SignedNotification> {
    return this.send('POST', '/notifications/account-deletion/signed', request);
  }

  private seller(username: string): string {
    return `/users/${encodeURIComponent(username)}`;
  }

  private async send<T = void>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.root}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Emulator control ${method} ${path} answered ${response.status}: ${text}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}
