import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** The caller's headers eBay may see; everything else (the JWT, cookies, x-forwarded-*) stays here. */
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'content-language',
  'content-type',
  'if-match',
  'if-none-match',
  'x-ebay-c-marketplace-id',
  'x-ebay-c-enduserctx',
] as const;

/**
 * eBay's headers the caller does not get: hop-by-hop ones (RFC 9110 7.6.1), cookies, and
 * cache-control (the service's `no-store` stays: an answer is one account's data).
 */
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
  'cache-control',
]);

/** Set on every answer that is eBay's own: a client tells it from the service's refusals by it. */
export const UPSTREAM_HEADER = 'x-ebay-connect-upstream';

/** The headers of the request to eBay, without Authorization (set per attempt). */
export function forwardedHeaders(incoming: IncomingHttpHeaders, marketplaceId: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (headers['x-ebay-c-marketplace-id'] === undefined && marketplaceId !== null) headers['x-ebay-c-marketplace-id'] = marketplaceId;
  // eBay's bytes are relayed as they come, compressed or not: only in an encoding the caller reads.
  const encoding = incoming['accept-encoding'];
  headers['accept-encoding'] = typeof encoding === 'string' ? encoding : 'identity';
  return headers;
}

/** eBay's answer headers as the caller gets them; connection-level ones the caller's server sets. */
export function relayedHeaders(upstream: Readonly<Record<string, unknown>>): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  // Connection: tokens name further hop-by-hop headers.
  const connection = typeof upstream.connection === 'string' ? upstream.connection.toLowerCase().split(',').map((token) => token.trim()) : [];
  for (const [name, value] of Object.entries(upstream)) {
    const lower = name.toLowerCase();
    if (DROPPED_RESPONSE_HEADERS.has(lower) || connection.includes(lower) || value === undefined || value === null) continue;
    headers[lower] = Array.isArray(value) ? value.map(String) : String(value);
  }
  headers[UPSTREAM_HEADER] = 'ebay';
  return headers;
}
