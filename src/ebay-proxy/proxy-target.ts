import { DomainError } from '../common/errors/domain.error';

/** Where a proxied call goes at eBay: a path under one of eBay's API hosts, and its query as sent. */
export interface ProxyTarget {
  readonly host: 'api' | 'apiz';
  /** Starts with `/`, exactly as the caller wrote it (percent-encoding kept). */
  readonly path: string;
  /** `?…` as sent, or '' */
  readonly search: string;
  /** The API the call belongs to, for metrics: its first two segments (`sell/fulfillment`). */
  readonly family: string;
  /** The path with the query's names only (`…/order?limit&offset`): what the audit keeps. */
  readonly audited: string;
}

/** The path cannot be a plain eBay path: it tries to leave the allowed tree or to name a host. */
export class UnsafeProxyPathError extends DomainError {
  readonly kind = 'invalid';
  override readonly code = 'unsafe_path';
}

/** The path is a plain eBay path the service does not pass on. */
export class RefusedProxyPathError extends DomainError {
  readonly kind = 'forbidden';
  override readonly code = 'path_not_allowed';
}

/** Paths on eBay's apiz host (docs/ebay.md, section 1); everything else is on the api host. */
const APIZ_PREFIXES = ['commerce/identity/', 'sell/finances/', 'developer/key_management/'];
/** Never passed on, whatever EBAY_PROXY_ALLOWED_PATHS says: the token endpoint, and private keys. */
const ALWAYS_REFUSED = ['identity/', 'developer/key_management/'];
// Encoded dots, slashes, backslashes and at signs change what a server resolves the path to.
const ENCODED_DANGER = /%(2e|2f|5c|40|00|0[1-9a-f]|1[0-9a-f]|7f)/i;
// Raw control characters, backslashes, `@`, and anything a URL parser would read as a scheme.
const RAW_DANGER = /[\u0000-\u001f\u007f\\@]/;
const SEGMENT = /^[A-Za-z0-9._~!$&'()*+,;=:%-]+$/;

/**
 * Reads the eBay part of a proxied request (`sell/fulfillment/v1/order?limit=50`, after
 * `/api/ebay-accounts/:id/ebay/`), refusing with 400 what could reach anything but a plain
 * path on eBay's API hosts (`..`, `.`, empty segments, encoded slashes or dots, backslashes,
 * `@`, absolute URLs, control characters) and with 403 what the allow-list does not cover,
 * the token endpoint and Key Management always.
 */
export function proxyTargetOf(rest: string, allowedPrefixes: readonly string[]): ProxyTarget {
  const queryAt = rest.indexOf('?');
  const rawPath = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const search = queryAt === -1 ? '' : rest.slice(queryAt);
  if (RAW_DANGER.test(rest) || ENCODED_DANGER.test(rawPath)) throw unsafe();
  // eBay writes some paths with a trailing slash (`…/user_rate_limit/`): the one empty segment allowed.
  const segments = (rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath).split('/');
  if (segments.length === 0 || segments.some((segment) => segment === '' || segment === '.' || segment === '..' || !SEGMENT.test(segment))) {
    throw unsafe();
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(rawPath)) throw unsafe();
  const lower = `${rawPath.toLowerCase()}/`;
  if (ALWAYS_REFUSED.some((prefix) => lower.startsWith(prefix))) {
    throw new RefusedProxyPathError(`The service never passes on calls to eBay's ${lower.startsWith('identity/') ? 'token endpoint' : 'Key Management API'}`);
  }
  if (!allowedPrefixes.some((prefix) => lower.startsWith(prefix))) {
    throw new RefusedProxyPathError(`This eBay path is not one the service passes on (EBAY_PROXY_ALLOWED_PATHS: ${allowedPrefixes.join(', ')})`);
  }
  return {
    host: APIZ_PREFIXES.some((prefix) => lower.startsWith(prefix)) ? 'apiz' : 'api',
    path: `/${rawPath}`,
    search,
    family: familyOf(segments),
    audited: `/${rawPath}${queryNamesOf(search)}`,
  };
}

/**
 * eBay's REST API families, as metric labels: a path's first two segments when they name one,
 * else `<first>/other`, so a caller's made-up path cannot grow the metric without bound.
 */
const FAMILIES = new Set([
  'sell/account', 'sell/analytics', 'sell/compliance', 'sell/feed', 'sell/finances', 'sell/fulfillment',
  'sell/inventory', 'sell/logistics', 'sell/marketing', 'sell/metadata', 'sell/negotiation',
  'sell/recommendation', 'sell/stores', 'commerce/catalog', 'commerce/charity', 'commerce/feedback',
  'commerce/identity', 'commerce/media', 'commerce/message', 'commerce/notification', 'commerce/taxonomy',
  'commerce/translation', 'buy/browse', 'buy/deal', 'buy/feed', 'buy/marketing', 'buy/marketplace_insights',
  'buy/offer', 'buy/order', 'post-order/v2', 'developer/analytics', 'developer/client_registration',
]);

function familyOf(segments: readonly string[]): string {
  const family = segments.slice(0, 2).join('/').toLowerCase();
  return FAMILIES.has(family) ? family : `${segments[0].toLowerCase().slice(0, 20)}/other`;
}

function unsafe(): UnsafeProxyPathError {
  return new UnsafeProxyPathError(
    'The eBay path must be plain segments: no "..", ".", empty segments, encoded slashes or dots, backslashes, "@", ' +
      'URLs or control characters',
  );
}

/** `?limit=50&offset=0` → `?limit&offset`: which parameters, never their values. */
function queryNamesOf(search: string): string {
  if (search.length <= 1) return '';
  const names = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => pair.split('=')[0].slice(0, 100));
  return names.length === 0 ? '' : `?${names.join('&')}`;
}
