/** Where eBay's consent page, token endpoint and REST APIs are (docs/ebay.md, section 1). */
export interface EbayHosts {
  /** Consent page host: `{authBaseUrl}/oauth2/authorize`. */
  readonly authBaseUrl: string;
  /** Token endpoint and sell/* APIs. */
  readonly apiBaseUrl: string;
  /** Identity, Finances and Key Management APIs. */
  readonly apizBaseUrl: string;
}

export const EBAY_HOSTS: Readonly<Record<'production' | 'sandbox', EbayHosts>> = {
  production: {
    authBaseUrl: 'https://auth.ebay.com',
    apiBaseUrl: 'https://api.ebay.com',
    apizBaseUrl: 'https://apiz.ebay.com',
  },
  sandbox: {
    authBaseUrl: 'https://auth.sandbox.ebay.com',
    apiBaseUrl: 'https://api.sandbox.ebay.com',
    apizBaseUrl: 'https://apiz.sandbox.ebay.com',
  },
};

export const EBAY_PATHS = {
  consent: '/oauth2/authorize',
  token: '/identity/v1/oauth2/token',
  identityUser: '/commerce/identity/v1/user/',
  /** Followed by the key id, URL-encoded; on the api host. */
  notificationPublicKey: '/commerce/notification/v1/public_key/',
  /** Key Management createSigningKey; on the apiz host. */
  signingKey: '/developer/key_management/v1/signing_key',
} as const;

/** Every call to eBay gives up after this long. */
export const EBAY_REQUEST_TIMEOUT_MS = 10_000;
