import { DomainError } from '../common/errors/domain.error';

export class AccountNotFoundError extends DomainError {
  readonly kind = 'not_found';
  constructor() {
    super('eBay account not found');
  }
}

const SAME_NAME = 'names that differ only in case or in compatibility forms such as fullwidth letters count as one';

/** Two active accounts of an organisation may not have names a person could take for each other. */
export class HouseNameTakenError extends DomainError {
  readonly kind = 'conflict';
  override readonly code = 'house_name_taken';

  private constructor(message: string) {
    super(message);
  }

  /** A write broke the unique index. */
  static onWrite(houseName: string): HouseNameTakenError {
    return new HouseNameTakenError(
      `The houseName "${houseName}" is taken: another active eBay account of this organisation has it (${SAME_NAME})`,
    );
  }

  /** Found before a connect starts; the caller may have meant to reconnect that account. */
  static beforeConnect(houseName: string, existingName: string): HouseNameTakenError {
    const holder = existingName === houseName ? 'has it' : `is called "${existingName}"`;
    return new HouseNameTakenError(
      `The houseName "${houseName}" is taken: another active eBay account of this organisation ${holder} ` +
        `(${SAME_NAME}). To reconnect that account, start the connect without houseName: a reconnect keeps ` +
        'the account’s name.',
    );
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

/** eBay told us the user deleted their eBay account; the account is a tombstone from then on. */
export class AccountDeletedError extends DomainError {
  readonly kind = 'conflict';
  override readonly code = 'ebay_account_deleted';
  constructor() {
    super(
      'eBay reported this eBay account deleted (Marketplace Account Deletion): its data was erased and it cannot be ' +
        'connected or changed again',
    );
  }
}
