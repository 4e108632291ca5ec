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
