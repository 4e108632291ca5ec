/**
 * The eBay APIs the emulator serves, as Developer Analytics names them (docs/ebay.md, section
 * 10): each is one resource with a daily call limit. The names follow eBay's published examples
 * (`apiName` "Browse", resource `buy.browse`); the limits are eBay's where docs/ebay.md gives
 * one (Finances, 15,000) and the emulator's own otherwise (docs/emulator.md marks them unsure).
 */
export interface EbayApi {
  readonly apiContext: 'buy' | 'sell' | 'commerce' | 'developer';
  readonly apiName: string;
  readonly apiVersion: string;
  /** The resource name Developer Analytics lists the calls under. */
  readonly resource: string;
  readonly dailyLimit: number;
}

export const EBAY_APIS = {
  identity: { apiContext: 'commerce', apiName: 'Identity', apiVersion: 'v1', resource: 'commerce.identity', dailyLimit: 5_000 },
  fulfillment: {
    apiContext: 'sell',
    apiName: 'Fulfillment',
    apiVersion: 'v1',
    resource: 'sell.fulfillment',
    dailyLimit: 100_000,
  },
  finances: { apiContext: 'sell', apiName: 'Finances', apiVersion: 'v1', resource: 'sell.finances', dailyLimit: 15_000 },
  inventory: {
    apiContext: 'sell',
    apiName: 'Inventory',
    apiVersion: 'v1',
    resource: 'sell.inventory',
    dailyLimit: 2_000_000,
  },
  notification: {
    apiContext: 'commerce',
    apiName: 'Notification',
    apiVersion: 'v1',
    resource: 'commerce.notification',
    dailyLimit: 10_000,
  },
  analytics: {
    apiContext: 'developer',
    apiName: 'Analytics',
    apiVersion: 'v1_beta',
    resource: 'developer.analytics',
    dailyLimit: 5_000,
  },
  keyManagement: {
    apiContext: 'developer',
    apiName: 'KeyManagement',
    apiVersion: 'v1',
    resource: 'developer.key_management',
    dailyLimit: 1_000,
  },
} as const satisfies Record<string, EbayApi>;

export type EbayApiKey = keyof typeof EBAY_APIS;

export const EBAY_API_LIST: readonly EbayApi[] = Object.values(EBAY_APIS);
