import { DomainError } from '../common/errors/domain.error';

/** The callback's `state` cannot be used; `code` says why. */
export class InvalidStateError extends DomainError {
  readonly kind = 'invalid';

  private constructor(
    override readonly code:
      | 'state_missing'
      | 'state_unknown'
      | 'state_expired'
      | 'state_used'
      | 'state_other_user'
      | 'browser_mismatch',
    message: string,
  ) {
    super(message);
  }

  static missing(): InvalidStateError {
    return new InvalidStateError('state_missing', 'The callback has no state parameter');
  }
  static unknown(): InvalidStateError {
    return new InvalidStateError('state_unknown', 'Unknown state: start the connect again');
  }
  static expired(): InvalidStateError {
    return new InvalidStateError('state_expired', 'The state has expired (10 minutes): start the connect again');
  }
  static used(): InvalidStateError {
    return new InvalidStateError('state_used', 'The state has already been used: start the connect again');
  }
  static otherUser(): InvalidStateError {
    return new InvalidStateError('state_other_user', 'The state belongs to another user');
  }
  static otherBrowser(): InvalidStateError {
    return new InvalidStateError(
      'browser_mismatch',
      'This connect was started in another browser: start it again in the browser you consent in',
    );
  }
}

export class AuthorizationDeclinedError extends DomainError {
  readonly kind = 'invalid';
  override readonly code = 'declined';
  constructor() {
    super('authorization declined: the eBay user did not grant access');
  }
}

export class MissingCodeError extends DomainError {
  readonly kind = 'invalid';
  override readonly code = 'code_missing';
  constructor() {
    super('The callback has no authorization code');
  }
}

/** The user who started this connect was deactivated before coming back from eBay. */
export class ConnectOwnerInactiveError extends DomainError {
  readonly kind = 'forbidden';
  override readonly code = 'user_inactive';
  constructor() {
    super('The user who started this connect has been deactivated');
  }
}
