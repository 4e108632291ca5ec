import { randomBytes } from 'node:crypto';

/**
 * Opaque strings shaped like eBay's: `v^1.1#i^1#…#t^<tail>`. The `^` and `#` make clients that
 * forget to URL-encode (or encode twice) fail here as they would against eBay. Lengths are
 * eBay's order of magnitude so a column sized for a short token fails in tests, not in
 * production.
 *
 * Codes and refresh tokens carry no `+` or `/`: eBay's tail is base64 of ASCII text
 * (`R^5_0:<hex>_0_1#E^260`), and base64 of ASCII bytes other than `>`, `?`, `~` and DEL never
 * holds either. A client that sends the code unencoded in a form body (as eBay's own Node OAuth
 * client does) works against eBay, so it must work here too. Access tokens travel only in the
 * Authorization header; theirs is base64 of binary (gzip at eBay), `+` and `/` included.
 */

// A user access token from eBay runs to about 2 KB.
const ACCESS_TOKEN_RANDOM_BYTES = 1_400;
// The secret in the tail's text: 248 bits, unguessable, and 6 + 62 + 10 = 78 characters of
// text, a multiple of 3, so the base64 has no '=' padding either.
const SECRET_BYTES = 31;

export function newAuthorizationCode(): string {
  return `v^1.1#i^1#f^0#p^3#I^3#r^1#t^${asciiTail('R^5_0:', '_0_1#E^260')}`;
}

export function newUserAccessToken(): string {
  return `v^1.1#i^1#p^3#r^0#I^3#f^0#t^H4sIAAAAAAAA${randomBase64(ACCESS_TOKEN_RANDOM_BYTES)}`;
}

export function newApplicationAccessToken(): string {
  return `v^1.1#i^1#p^1#r^0#I^3#f^0#t^H4sIAAAAAAAA${randomBase64(ACCESS_TOKEN_RANDOM_BYTES)}`;
}

export function newRefreshToken(): string {
  return `v^1.1#i^1#p^3#r^1#I^3#f^0#t^${asciiTail('R^1_2:', '_0_1#E^260')}`;
}

function asciiTail(prefix: string, suffix: string): string {
  const secret = randomBytes(SECRET_BYTES).toString('hex').toUpperCase();
  return Buffer.from(`${prefix}${secret}${suffix}`, 'ascii').toString('base64');
}

function randomBase64(bytes: number): string {
  return randomBytes(bytes).toString('base64');
}
