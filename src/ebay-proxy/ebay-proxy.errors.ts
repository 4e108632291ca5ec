import { DomainError } from '../common/errors/domain.error';

export class ProxyBodyTooLargeError extends DomainError {
  readonly kind = 'payload_too_large';
  override readonly code = 'body_too_large';

  constructor(limit: number) {
    super(`The request body is larger than ${limit} bytes (EBAY_PROXY_MAX_BODY_BYTES)`);
  }
}

/** The account has EBAY_PROXY_MAX_CONCURRENT_PER_ACCOUNT calls in flight here already. */
export class TooManyProxyCallsError extends DomainError {
  readonly kind = 'too_many_requests';
  override readonly code = 'too_many_concurrent_calls';
  override readonly retryAfterSeconds = 1;

  constructor(limit: number) {
    super(`This account already has ${limit} calls to eBay in flight; try again in a moment`);
  }
}

/** eBay did not answer in time. */
export class EbayTimeoutError extends DomainError {
  readonly kind = 'gateway_timeout';
  override readonly code = 'ebay_timeout';

  constructor(timeoutMs: number) {
    super(`eBay did not answer within ${timeoutMs} ms (EBAY_PROXY_TIMEOUT_MS)`);
  }
}

/** eBay could not be reached at all. */
export class EbayUnreachableError extends DomainError {
  readonly kind = 'bad_gateway';
  override readonly code = 'ebay_unreachable';

  constructor(reason: string) {
    super(`eBay could not be reached (${reason})`);
  }
}
