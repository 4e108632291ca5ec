import { randomBytes } from 'node:crypto';

/**
 * Opaque strings shaped like eBay's: `v^1.1#i^1#…#t^<base64>`. The `^` and `#` make clients
 * that forget to URL-encode (or decode twice) fail here as they would against eBay, and the
 * base64 tail brings '+', '/' and '=' for the same reason. Lengths are eBay's order of
 * magnitude so a column sized for a short token fails in tests, not in production.
 */

// A user access token from eBay runs to about 2 KB.
const ACCESS_TOKEN_RANDOM_BYTES = 1_400;
const REFRESH_TOKEN_RANDOM_BYTES = 80;
const CODE_RANDOM_BYTES = 64;

export function newAuthorizationCode(): string {
  return `v^1.1#i^1#f^0#p^3#r^1#I^3#t^${randomBase64(CODE_RANDOM_BYTES)}#E^260`;
}

export function newUserAccessToken(): string {
  return `v^1.1#i^1#p^3#r^0#I^3#f^0#t^H4sIAAAAAAAA${randomBase64(ACCESS_TOKEN_RANDOM_BYTES)}`;
}

export function newApplicationAccessToken(): string {
  return `v^1.1#i^1#p^1#r^0#I^3#f^0#t^H4sIAAAAAAAA${randomBase64(ACCESS_TOKEN_RANDOM_BYTES)}`;
}

export function newRefreshToken(): string {
  return `v^1.1#i^1#p^3#r^1#I^3#f^0#t^Ul4xMF8${randomBase64(REFRESH_TOKEN_RANDOM_BYTES)}#E^260`;
}

function randomBase64(bytes: number): string {
  return randomBytes(bytes).toString('base64');
}
