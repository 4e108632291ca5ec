import { DomainError, type DomainErrorKind } from '../common/errors/domain.error';

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

/**
 * A request eBay wants signed could not be: no signing key could be had (eBay's Key
 * Management API failed, or another replica's creation did not finish). Not the account's
 * fault, so not an EbayApiError about it; nothing was sent to eBay.
 */
export class SigningUnavailableError extends DomainError {
  readonly kind: DomainErrorKind;
  override readonly code = 'signing_unavailable';

  constructor(
    reason: string,
    override readonly retryAfterSeconds: number,
    { isEbaysFault }: { isEbaysFault: boolean } = { isEbaysFault: false },
  ) {
    super(`The request could not be signed for eBay (${reason}); nothing was sent, try again shortly`);
    // eBay answering its Key Management call wrongly is a bad gateway; everything else passes.
    this.kind = isEbaysFault ? 'bad_gateway' : 'unavailable';
  }
}
