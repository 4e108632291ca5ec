/**
 * The scopes a connect asks for unless EBAY_SCOPES says otherwise: eBay's base scope, the
 * seller APIs the service reads or may write (account settings, orders, inventory, finances,
 * marketing, payment disputes), and commerce.identity.readonly, without which getUser, and so
 * every connect, fails. Refreshes send back exactly what was consented (docs/ebay.md, section 3).
 */
export const DEFAULT_EBAY_SCOPES: readonly string[] = [
  'https://api.ebay.com/oauth/api_scope',
  'https://api.ebay.com/oauth/api_scope/sell.account',
  'https://api.ebay.com/oauth/api_scope/sell.fulfillment',
  'https://api.ebay.com/oauth/api_scope/sell.inventory',
  'https://api.ebay.com/oauth/api_scope/sell.finances',
  'https://api.ebay.com/oauth/api_scope/sell.marketing',
  'https://api.ebay.com/oauth/api_scope/sell.payment.dispute',
  'https://api.ebay.com/oauth/api_scope/commerce.identity.readonly',
];
