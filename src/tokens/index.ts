/**
 * What other modules may use of tokens: the token service, its summaries and its errors, the
 * authorized eBay client, the request signer (EU/UK digital signatures), and the refresher's status.
 */
export { TokensModule } from './tokens.module';
export { EbayApiClient } from './ebay-api.client';
export { EbayRequestSigner } from './ebay-request-signer';
export { TokenService } from './token.service';
export type { TokenSummary } from './token-summary';
export { AccountNotConnectedError, ReauthRequiredError, SigningUnavailableError } from './tokens.errors';
export { RefresherStatusReader, type RefresherStatus, type TokenFleet } from './refresher-status';
export type { QuotaStatus } from './grant-counter';
export type { RecordedRun, RunOutcomes } from './refresh-run.repository';
export type { TokenFleetCounts } from './token-fleet.repository';
