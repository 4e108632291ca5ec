/**
 * A local eBay on its api and apiz hosts: OAuth consent and token endpoint, Identity getUser,
 * Fulfillment getOrders and issueRefund, Finances getTransactions (signed for EU and UK
 * sellers), Sell Inventory items, Developer Analytics rate limits, Key Management signing keys
 * and the Notification API's public keys (with signed Marketplace Account Deletion
 * notifications), with a control API for faults, time, limits and data. It imports nothing
 * from the rest of the service. docs/emulator.md describes it.
 */
export { startEmulator, type RunningEmulator } from './emulator.server';
export {
  DEFAULT_EMULATOR_APP,
  type EmulatorApp,
  type EmulatorOptions,
  type EmulatorRuName,
  type EmulatorUserSeed,
} from './emulator-options';
export { DEFAULT_TEST_USERS } from './seed-data';
export { SCOPES as EBAY_SCOPES, USER_SCOPES, APPLICATION_SCOPES } from './ebay-scopes';
export { CONTROL_PREFIX, type ClockView, type TestUserView } from './control.routes';
export { AUTHORIZE_PATH } from './consent.routes';
export { TOKEN_PATH } from './token.routes';
export { IDENTITY_USER_PATH } from './identity.routes';
export { ORDERS_PATH } from './fulfillment.routes';
export { TRANSACTIONS_PATH } from './finances.routes';
export { PUBLIC_KEY_PATH } from './notification.routes';
export type { PublicKeyBody } from './notification-signer';
export type {
  AccountDeletionEndpoint,
  AccountDeletionRequest,
  DeliveryResult,
  SignedNotification,
} from './account-deletion.types';
export { DEMO_RUNAME_NAME, demoRuName } from './demo-landing.routes';
export type { EmulatorStats } from './call-stats';
export type { EbayEndpoint, FaultAction, FaultSpec, FaultTarget, FaultView, GrantType } from './fault-injector';
export type { NewOrder, NewTransaction, OrderChanges, TransactionChanges } from './seller-records';
export type { UserChanges } from './test-users';
export type { InventoryItemView } from './inventory-items';
export { INVENTORY_ITEM_PATH } from './inventory.routes';
export { ISSUE_REFUND_PATH } from './refund.routes';
export { RATE_LIMIT_PATH, USER_RATE_LIMIT_PATH } from './analytics.routes';
export type { ApiRateLimit, Rate, UsageView } from './api-usage';
export { SIGNING_KEY_PATH } from './key-management.routes';
export type { CreatedSigningKey, SigningKeyCipher, SigningKeyRecord, SigningKeyView } from './signing-keys';
export {
  componentsFor,
  contentDigest,
  EBAY_COMPONENTS,
  signatureBase,
  signatureHeader,
  signatureInputHeader,
  signatureParams,
  type SignedRequestParts,
} from './http-message-signature';
export type { TokenResponseBody } from './token-grants';
export type * from './ebay-wire.types';
