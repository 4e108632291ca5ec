/**
 * What went wrong, in the service's terms. The exception filter maps a kind to its HTTP
 * status, so services say "conflict", never "409".
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'bad_gateway'
  | 'unavailable'
  | 'gateway_timeout';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** A stable, machine-readable reason (`reauth_required`), sent as `code`. */
  readonly code?: string;
  /** When the caller may try again; sent as Retry-After. */
  readonly retryAfterSeconds?: number;
  /** Facts a client may act on (`{startedAt}` of the sync already running), sent as `details`. */
  readonly details?: Readonly<Record<string, string | number>>;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
