/**
 * What other modules may use of accounts: the service (connect, house-name checks, the account
 * an organisation may see, the active accounts), the account's API shape and status, and the
 * vocabulary connect options are validated with.
 */
export { AccountsModule } from './accounts.module';
export { AccountDeletedError } from './accounts.errors';
export { type AccountView, AccountsService } from './accounts.service';
export type { AccountForCall, AccountStateCounts } from './ebay-account.repository';
export { AccountResponse } from './dto/account.response';
export { ACCOUNT_STATUSES, type AccountStatus, accountStatusOf } from './account-status';
export { houseNameSchema, IsHouseName } from './dto/is-house-name.decorator';
export { ACCOUNT_PURPOSES, type AccountPurpose } from './entities/ebay-account.entity';
export { MARKETPLACE_IDS } from './marketplaces';
