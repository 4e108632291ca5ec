export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

const BASIC = /^Basic[ ]+([A-Za-z0-9+/=]+)[ ]*$/i;

/** `Basic base64(client_id:client_secret)`, eBay's only way of authenticating at the token endpoint. */
export function parseBasicCredentials(header: string | undefined): ClientCredentials | undefined {
  const encoded = header === undefined ? undefined : BASIC.exec(header.trim())?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  // The id never holds a colon; the secret might, so split at the first one only.
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}
