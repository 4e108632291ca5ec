import { DomainError } from '../common/errors/domain.error';

/** eBay refused the refresh token: only the account's owner reconnecting can fix it. */
export class ReauthRequiredError extends DomainError {
  readonly kind = 'conflict';
  override readonly code = 'reauth_required';

  constructor() {
    super('eBay no longer accepts this account\'s authorization; reconnect the account');
  }
}

/** The account has no tokens: it was disconnected, or never finished connecting. */
export class AccountNotConnectedError extends DomainError {
  readonly kind = 'conflict';
  override readonly code = 'not_connected';

  constructor() {
    super('This eBay account is not connected; connect it again');
  }
}

/** A refresh failed for a reason that should pass (network, eBay 5xx or 429). */
export class TokenRefreshUnavailableError extends DomainError {
  readonly kind = 'unavailable';
  override readonly code = 'ebay_unavailable';

  constructor(
    reason: string,
    override readonly retryAfterSeconds: number,
  ) {
    super(`eBay could not refresh the token right now (${reason}); the service will retry`);
  }
}
