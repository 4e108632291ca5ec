/**
 * The additional authenticated data of a stored token: a ciphertext only decrypts for the
 * account and column it was written for.
 */
export function tokenContext(accountId: string, column: 'access_token' | 'refresh_token'): string {
  return `ebay_tokens:${accountId}:${column}`;
}

/**
 * The additional authenticated data of a keyset's stored signing key: it only decrypts as the
 * private key of that keyset.
 */
export function signingKeyContext(clientId: string): string {
  return `signing-key:${clientId}`;
}
