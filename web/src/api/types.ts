import type { components } from './schema';

type Schemas = components['schemas'];

export type Account = Schemas['AccountResponse'];
export type AccountStatus = Account['status'];
export type AccountPurpose = Account['purpose'];
export type AccountsPage = Schemas['AccountsPage'];
export type AccountUpdate = Schemas['UpdateAccountRequest'];
export type MarketplaceId = NonNullable<AccountUpdate['marketplaceId']>;
export type TokenSummary = Schemas['TokenSummaryResponse'];
export type User = Schemas['UserResponse'];
export type AdminUsersPage = Schemas['AdminUsersPage'];
export type AdminOverview = Schemas['AdminOverviewResponse'];
export type AccountHealth = Schemas['AccountHealthResponse'];
export type HealthEvent = Schemas['HealthEventResponse'];
export type HealthEventsPage = Schemas['HealthEventsPage'];
export type SyncStatus = Schemas['SyncStatusResponse'];
export type ResourceSyncStatus = Schemas['ResourceSyncStatusResponse'];
export type SyncResource = ResourceSyncStatus['resource'];
export type SyncRun = Schemas['SyncRunResponse'];
export type ErrorBody = Schemas['ErrorResponse'];
export type EventType = Schemas['EventResponse']['type'];
