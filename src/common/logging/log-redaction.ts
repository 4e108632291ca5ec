/** Keys whose values never reach a log line, wherever they appear in a logged object. */
const SENSITIVE_KEY = /token|password|secret|authorization|cookie|credential|^code$|^state$/i;
const SENSITIVE_QUERY_PARAM = /token|password|secret|^code$|^state$/i;
const MAX_DEPTH = 8;
export const REDACTED = '[Redacted]';

/**
 * A copy of a log object with sensitive fields replaced. Only plain objects and arrays are
 * walked: class instances (requests, errors) have serializers of their own.
 */
export function scrubSensitiveFields(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubSensitiveFields(item, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = SENSITIVE_KEY.test(key) ? REDACTED : scrubSensitiveFields(field, depth + 1);
  }
  return copy;
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
