/**
 * What other modules may use of tokens: the token service, its summaries and its errors, and
 * the authorized eBay client.
 */
export { TokensModule } from './tokens.module';
export { EbayApiClient } from './ebay-api.client';
export { TokenService } from './token.service';
export type { TokenSummary } from './token-summary';
export { AccountNotConnectedError } from './tokens.errors';
