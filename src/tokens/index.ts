/** What other modules may use of tokens: the token service, its summaries and errors, the eBay client. */
export { TokensModule } from './tokens.module';
export { EbayApiClient } from './ebay-api.client';
export { TokenService } from './token.service';
export type { TokenSummary } from './token-summary';
export { AccountNotConnectedError, ReauthRequiredError, TokenRefreshUnavailableError } from './tokens.errors';
