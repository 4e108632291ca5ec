import { types } from 'node:util';
import { describeError } from './error-description';

/** Keys whose values never reach a log line, wherever they appear in a logged object. */
const SENSITIVE_KEY = /token|password|secret|authorization|cookie|credential|private_?key|^code$|^state$/i;
const SENSITIVE_QUERY_PARAM = /token|password|secret|^code$|^state$/i;
const MAX_DEPTH = 8;
export const REDACTED = '[Redacted]';

/** The HTTP request and response of a log line: pino-http's serializers pick their fields. */
const SERIALIZED_BY_PINO = new Set(['req', 'res']);

/**
 * A copy of a log object with sensitive fields replaced, walking plain objects, arrays and
 * class instances alike (a class instance logs its own enumerable fields, as JSON would).
 * Errors keep only their loggable parts (error-description.ts): never query parameters.
 */
export function scrubSensitiveFields(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (value instanceof Error || types.isNativeError(value)) return describeError(value);
  if (Array.isArray(value)) return value.map((item) => scrubSensitiveFields(item, depth + 1));
  if (hasOwnJson(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (SENSITIVE_KEY.test(key)) copy[key] = REDACTED;
    else if (depth === 0 && SERIALIZED_BY_PINO.has(key)) copy[key] = field;
    else copy[key] = scrubSensitiveFields(field, depth + 1);
  }
  return copy;
}

/** Dates, buffers and the like say how they are written; their fields are not the point. */
function hasOwnJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/**
 * A request URL safe to log: the values of credential-like query parameters (the OAuth
 * callback's `code` and `state`, any `*token*`) are replaced.
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  for (const key of [...new Set(params.keys())]) {
    if (SENSITIVE_QUERY_PARAM.test(key)) params.set(key, REDACTED);
  }
  return `${url.slice(0, queryStart)}?${params.toString()}`;
}
