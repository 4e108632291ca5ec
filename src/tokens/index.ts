/** What other modules may use of tokens: the token service, its summaries and its errors. */
export { TokensModule } from './tokens.module';
export { TokenService } from './token.service';
export type { TokenSummary } from './token-summary';
export { AccountNotConnectedError } from './tokens.errors';
