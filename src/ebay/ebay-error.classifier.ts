import type { HttpFailure } from './http-failure';

/**
 * How the rest of the service reacts to an eBay failure:
 * - transient: eBay or the network is having a moment; retry later, with backoff;
 * - reauth: the user's grant is gone (refresh token revoked or expired); only a reconnect helps;
 * - token_rejected: the access token was refused; refresh it and retry once;
 * - client_bug: our request is wrong (credentials, scopes, parameters); retrying changes nothing.
 */
export type EbayFailureKind = 'transient' | 'reauth' | 'token_rejected' | 'client_bug';

export interface ClassifiedOAuthFailure {
  readonly kind: Exclude<EbayFailureKind, 'token_rejected'>;
  /** eBay's `error` (invalid_grant, invalid_client…), when it sent one. */
  readonly oauthError?: string;
  readonly description?: string;
}

export interface ClassifiedApiFailure {
  readonly kind: Exclude<EbayFailureKind, 'reauth'>;
  readonly errorId?: number;
  readonly message?: string;
}

const ACCESS_DENIED = 1100;

/** A failure of the token endpoint (code exchange, refresh). */
export function classifyOAuthFailure(failure: HttpFailure): ClassifiedOAuthFailure {
  const body = asRecord(failure.body);
  const oauthError = typeof body?.error === 'string' ? body.error : undefined;
  const description = typeof body?.error_description === 'string' ? body.error_description : undefined;
  if (isTransient(failure)) return { kind: 'transient', oauthError, description };
  if (failure.status === 400 && oauthError === 'invalid_grant') return { kind: 'reauth', oauthError, description };
  return { kind: 'client_bug', oauthError, description };
}

/** A failure of a REST API (Identity, Fulfillment, Finances…) called with a user token. */
export function classifyApiFailure(failure: HttpFailure): ClassifiedApiFailure {
  const first = firstEbayError(failure.body);
  const errorId = typeof first?.errorId === 'number' ? first.errorId : undefined;
  const message = typeof first?.message === 'string' ? first.message : undefined;
  if (isTransient(failure)) return { kind: 'transient', errorId, message };
  // eBay answers an expired token with 401, and some APIs with 403 + errorId 1100.
  if (failure.status === 401 || (failure.status === 403 && errorId === ACCESS_DENIED)) {
    return { kind: 'token_rejected', errorId, message };
  }
  return { kind: 'client_bug', errorId, message };
}

function isTransient(failure: HttpFailure): boolean {
  return failure.status === undefined || failure.status === 429 || failure.status >= 500;
}

function firstEbayError(body: unknown): Record<string, unknown> | undefined {
  const errors = asRecord(body)?.errors;
  return Array.isArray(errors) ? asRecord(errors[0]) : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
