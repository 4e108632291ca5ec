import { DomainError, type DomainErrorKind } from '../common/errors/domain.error';
import type {
  ClassifiedApiFailure,
  ClassifiedOAuthFailure,
  EbayFailureKind,
} from './ebay-error.classifier';
import type { HttpFailure } from './http-failure';

/**
 * Anything eBay did wrong, classified once (see ebay-error.classifier.ts); callers switch on
 * `failureKind`, never on HTTP details. Messages carry eBay's error codes, never credentials.
 */
export abstract class EbayError extends DomainError {
  abstract readonly failureKind: EbayFailureKind;
}

/** eBay's token endpoint refused or failed a code exchange or a refresh. */
export class EbayOAuthError extends EbayError {
  readonly kind: DomainErrorKind = 'bad_gateway';
  readonly failureKind: EbayFailureKind;
  override readonly code: string;
  override readonly retryAfterSeconds?: number;

  constructor(failure: ClassifiedOAuthFailure, http: HttpFailure, action: string) {
    super(`eBay ${action} failed: ${describe(http, failure.oauthError, failure.description)}`);
    this.failureKind = failure.kind;
    this.code = failure.oauthError ?? fallbackCode(http);
    this.retryAfterSeconds = http.retryAfterSeconds;
  }
}

/** An eBay REST API answered with an error, or not at all. */
export class EbayApiError extends EbayError {
  readonly kind: DomainErrorKind;
  readonly failureKind: EbayFailureKind;
  override readonly code: string;
  override readonly retryAfterSeconds?: number;
  /** eBay's HTTP status; undefined when no answer came (refused, reset, timed out). */
  readonly httpStatus: number | undefined;

  constructor(failure: ClassifiedApiFailure, http: HttpFailure, action: string) {
    super(`eBay ${action} failed: ${describe(http, failure.errorId?.toString(), failure.message)}`);
    this.failureKind = failure.kind;
    this.httpStatus = http.status;
    this.kind = failure.kind === 'transient' ? 'unavailable' : 'bad_gateway';
    this.code = failure.errorId !== undefined ? `ebay_error_${failure.errorId}` : fallbackCode(http);
    this.retryAfterSeconds = http.retryAfterSeconds;
  }
}

/** eBay answered 2xx with something its API does not document: treated as a passing fault. */
export class EbayMalformedResponseError extends EbayError {
  readonly kind: DomainErrorKind = 'bad_gateway';
  readonly failureKind: EbayFailureKind = 'transient';
  override readonly code = 'ebay_malformed_response';

  constructor(action: string) {
    super(`eBay ${action} answered with an unreadable response`);
  }
}

function fallbackCode(http: HttpFailure): string {
  return http.status === undefined ? 'ebay_unreachable' : `ebay_http_${http.status}`;
}

function describe(http: HttpFailure, code: string | undefined, detail: string | undefined): string {
  if (http.status === undefined) return `no response (${http.networkCode ?? 'network error'})`;
  return [`HTTP ${http.status}`, code, detail].filter((part) => part !== undefined && part !== '').join(' ');
}
