/**
 * The OAuth scopes eBay knows, split by who may be granted them. A consent request or a
 * refresh naming anything else fails with invalid_scope, as eBay's does.
 */
const SCOPE_BASE = 'https://api.ebay.com/oauth/api_scope';

export const SCOPES = {
  public: SCOPE_BASE,
  identity: `${SCOPE_BASE}/commerce.identity.readonly`,
  fulfillment: `${SCOPE_BASE}/sell.fulfillment`,
  fulfillmentReadonly: `${SCOPE_BASE}/sell.fulfillment.readonly`,
  finances: `${SCOPE_BASE}/sell.finances`,
  inventory: `${SCOPE_BASE}/sell.inventory`,
  inventoryReadonly: `${SCOPE_BASE}/sell.inventory.readonly`,
} as const;

/** Scopes a seller can consent to (the "user token" list of eBay's Application Keys page). */
export const USER_SCOPES: ReadonlySet<string> = new Set([
  SCOPE_BASE,
  `${SCOPE_BASE}/sell.marketing.readonly`,
  `${SCOPE_BASE}/sell.marketing`,
  `${SCOPE_BASE}/sell.inventory.readonly`,
  `${SCOPE_BASE}/sell.inventory`,
  `${SCOPE_BASE}/sell.account.readonly`,
  `${SCOPE_BASE}/sell.account`,
  `${SCOPE_BASE}/sell.fulfillment.readonly`,
  `${SCOPE_BASE}/sell.fulfillment`,
  `${SCOPE_BASE}/sell.analytics.readonly`,
  `${SCOPE_BASE}/sell.finances`,
  `${SCOPE_BASE}/sell.payment.dispute`,
  `${SCOPE_BASE}/commerce.identity.readonly`,
  `${SCOPE_BASE}/sell.reputation`,
  `${SCOPE_BASE}/sell.reputation.readonly`,
  `${SCOPE_BASE}/commerce.notification.subscription`,
  `${SCOPE_BASE}/commerce.notification.subscription.readonly`,
  `${SCOPE_BASE}/sell.stores`,
  `${SCOPE_BASE}/sell.stores.readonly`,
  'https://api.ebay.com/oauth/scope/sell.edelivery',
]);

/**
 * Scopes an application token (client_credentials) can carry. Selling scopes are not among
 * them: eBay answers invalid_scope, which is how a client learns it used the wrong grant.
 */
export const APPLICATION_SCOPES: ReadonlySet<string> = new Set([
  SCOPE_BASE,
  `${SCOPE_BASE}/buy.guest.order`,
  `${SCOPE_BASE}/buy.item.feed`,
  `${SCOPE_BASE}/buy.marketing`,
  `${SCOPE_BASE}/buy.product.feed`,
  `${SCOPE_BASE}/buy.marketplace.insights`,
  `${SCOPE_BASE}/buy.proxy.guest.order`,
  `${SCOPE_BASE}/buy.item.bulk`,
  `${SCOPE_BASE}/buy.deal`,
]);

/**
 * Splits a scope parameter. eBay separates scopes with spaces; form encoding turns those into
 * '+' or %20, both of which arrive here as spaces.
 */
export function parseScopeList(value: string): string[] {
  return [...new Set(value.split(' ').filter((scope) => scope.length > 0))];
}
