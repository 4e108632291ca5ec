import { types } from 'node:util';
import { QueryFailedError } from 'typeorm';

/**
 * PostgreSQL error codes that say "the database cannot serve this now", not "this request is
 * wrong": statement timeout or cancel, server shutting down or starting, too many connections,
 * out of resources, lock timeout, read-only (a standby or a full disk), lost connection.
 */
const UNAVAILABLE_CODES = new Set(['57014', '57P01', '57P02', '57P03', '53000', '53100', '53200', '53300', '55P03', '25006']);
const CONNECTION_EXCEPTION_CLASS = '08';
/** What node-postgres and its pool say when the server does not answer or went away. */
const UNAVAILABLE_MESSAGES = [
  /^Query read timeout$/,
  /timeout exceeded when trying to connect/i,
  /^Connection terminated/i,
  /connection error and is not queryable/i,
  /^connect ECONNREFUSED/,
];
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/** True when an error means the database is down, frozen or overloaded: answer 503, retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const failure = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  // isNativeError also knows errors made in another realm (Node's own, seen from a Jest VM).
  if (!(failure instanceof Error) && !types.isNativeError(failure)) return false;
  const code = (failure as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_CODES.has(code) || NETWORK_CODES.has(code)) return true;
    if (code.length === 5 && code.startsWith(CONNECTION_EXCEPTION_CLASS)) return true;
  }
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(failure.message));
}
