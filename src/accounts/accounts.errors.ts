import { DomainError } from '../common/errors/domain.error';

export class AccountNotFoundError extends DomainError {
  readonly kind = 'not_found';
  constructor() {
    super('eBay account not found');
  }
}

export class HouseNameTakenError extends DomainError {
  readonly kind = 'conflict';
  override readonly code = 'house_name_taken';
  constructor(houseName: string) {
    super(`Another active eBay account of this organisation is already called "${houseName}"`);
  }
}

export class AdminOnlyFilterError extends DomainError {
  readonly kind = 'forbidden';
  constructor() {
    super('Only administrators may list other organisations\' accounts (orgId, all)');
  }
}

export class ConcurrentConnectError extends DomainError {
  readonly kind = 'conflict';
  override readonly code = 'connect_in_progress';
  constructor() {
    super('This eBay account is being connected by another request; try again');
  }
}

export class EmptyAccountUpdateError extends DomainError {
  readonly kind = 'invalid';
  constructor() {
    super('Send at least one of houseName, purpose, marketplaceId, siteId');
  }
}

/** Each forced refresh is an eBay grant, and eBay's daily grant quota is shared by every account. */
export class RefreshRateLimitedError extends DomainError {
  readonly kind = 'too_many_requests';
  override readonly code = 'refresh_rate_limited';
  constructor(override readonly retryAfterSeconds: number) {
    super('This account\'s token was refreshed too often just now; try again later');
  }
}
