import { DomainError } from '../common/errors/domain.error';

export class InvalidCredentialsError extends DomainError {
  readonly kind = 'unauthorized';
  constructor() {
    super('Invalid email or password');
  }
}

export class RegistrationClosedError extends DomainError {
  readonly kind = 'forbidden';
  constructor() {
    super('Registration is closed; ask an administrator to create your account');
  }
}

export class EmailTakenError extends DomainError {
  readonly kind = 'conflict';
  override readonly code = 'email_taken';
  constructor() {
    super('A user with this email already exists');
  }
}

export class UserNotFoundError extends DomainError {
  readonly kind = 'not_found';
  constructor() {
    super('User not found');
  }
}

export class SelfLockoutError extends DomainError {
  readonly kind = 'conflict';
  override readonly code = 'self_lockout';
  constructor() {
    super('Administrators cannot remove their own admin rights or deactivate themselves');
  }
}

export class TooManyLoginAttemptsError extends DomainError {
  readonly kind = 'too_many_requests';
  constructor(override readonly retryAfterSeconds: number) {
    super('Too many login attempts; try again later');
  }
}

export class TooManyRegistrationsError extends DomainError {
  readonly kind = 'too_many_requests';
  constructor(override readonly retryAfterSeconds: number) {
    super('Too many registration attempts; try again later');
  }
}

export class NothingToUpdateError extends DomainError {
  readonly kind = 'invalid';
  constructor() {
    super('Send at least one of isAdmin, isActive');
  }
}
