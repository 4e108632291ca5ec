import type { IncomingMessage } from 'node:http';
import { CONTROL_PREFIX } from './control-prefix';

/**
 * eBay answers its APIs on two hosts (docs/ebay.md, section 1): `api` (the consent page's auth
 * host shares its port here) and `apiz`. The emulator listens on one port for each and answers
 * eBay's 404 for a path asked on the wrong one, so a client that sends Identity or Finances to
 * the api host fails in tests as it would against eBay.
 */
export type EbayHost = 'api' | 'apiz';

/** Path prefixes served only on the apiz host; every other eBay path is the api host's. */
const APIZ_PREFIXES: readonly string[] = ['/commerce/identity/', '/sell/finances/', '/developer/key_management/'];

/** Which port each request came in on, set by the server before Express sees the request. */
const hosts = new WeakMap<IncomingMessage, EbayHost>();

export function markHost(req: IncomingMessage, host: EbayHost): void {
  hosts.set(req, host);
}

export function hostOf(req: IncomingMessage): EbayHost {
  return hosts.get(req) ?? 'api';
}

/**
 * Whether `host` serves `path`. The control API answers on both: tests reach it from whichever
 * base URL they hold. Express matches paths case-insensitively, so this does too.
 */
export function isServedOn(host: EbayHost, path: string): boolean {
  const lower = path.toLowerCase();
  if (lower === CONTROL_PREFIX || lower.startsWith(`${CONTROL_PREFIX}/`)) return true;
  const isApizPath = APIZ_PREFIXES.some((prefix) => lower.startsWith(prefix) || `${lower}/` === prefix);
  return isApizPath === (host === 'apiz');
}
