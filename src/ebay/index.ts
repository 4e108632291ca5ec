/** What other modules may use of eBay's wire protocol: where eBay is, its clients, its errors. */
export { EbayModule } from './ebay.module';
export { EbayConnection } from './ebay-connection';
export { classifyApiFailure } from './ebay-error.classifier';
export { EBAY_PATHS, EBAY_REQUEST_TIMEOUT_MS } from './ebay-hosts';
export { EbayIdentityClient } from './ebay-identity.client';
export { EbayNotificationClient, type PublicKeyLookup } from './ebay-notification.client';
export type { EbayPublicKey } from './ebay-public-key';
export { EbayOAuthClient, type RefreshedAccessToken, type UserTokenGrant } from './ebay-oauth.client';
export { EbayApiError, EbayError, EbayMalformedResponseError } from './ebay.errors';
export { describeHttpFailure, parseRetryAfter } from './http-failure';
