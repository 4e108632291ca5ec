/**
 * Every event the service reports. `account.*` events name the account in their data
 * (`accountId`, `houseName`, `ebayUserId`); none carries a token, a password or an e-mail.
 */
export const EVENT_TYPES = [
  'account.connected',
  'account.reconnected',
  'account.reauth_required',
  'account.refresh_failing',
  'account.recovered',
  'account.disconnected',
  'account.deleted',
  'account.health_changed',
  'sync.completed',
  'sync.failed',
  'quota.warning',
  'webhook.test',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What each type adds to the account's names, for the OpenAPI description and the README. */
export const EVENT_TYPE_DESCRIPTIONS: Readonly<Record<EventType, string>> = {
  'account.connected': 'an eBay account was connected for the first time (marketplaceId, purpose)',
  'account.reconnected': 'an account was connected again: new consent, new tokens (marketplaceId, purpose)',
  'account.reauth_required': 'eBay refused the refresh token: the seller must connect again (reason)',
  'account.refresh_failing':
    'refreshes keep failing for a reason that may pass, and the access token is close to its end (reason, failures, expiresAt)',
  'account.recovered': 'a refresh worked again after account.refresh_failing (expiresAt)',
  'account.disconnected': 'someone disconnected the account; its tokens are gone',
  'account.deleted': 'eBay reported the user deleted their eBay account: the account is erased (Marketplace Account Deletion)',
  'account.health_changed': 'a recorded check found the account healthy after not, or not after healthy (isHealthy, previousIsHealthy, errorCode, httpStatus)',
  'sync.completed': 'a sync of orders or transactions finished (resource, fetched, upserted, complete, trigger)',
  'sync.failed': 'a sync of orders or transactions stopped on an error; the next run continues (resource, errorCode, fetched, upserted)',
  'quota.warning':
    "80 % or all of eBay's daily refresh grants are used, for every organisation (no account: percent, grants, limit, quotaDay)",
  'webhook.test': 'POST /api/webhook-endpoints/:id/test, to that endpoint only (endpointId)',
};
