import type { IncomingMessage } from 'node:http';

/** /api/ebay-accounts/:id/ebay/…: the proxy's routes (EbayProxyController). */
const PROXY_ROUTE = /^\/api\/ebay-accounts\/[^/?]+\/ebay\//;

/** Whether the request is for the eBay proxy, whose bodies are eBay's business, not ours to parse. */
export function isProxiedRequest(request: IncomingMessage): boolean {
  return PROXY_ROUTE.test((request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '');
}

/** The part of the request URL after `/ebay/`: the eBay path and its query, as sent. */
export function ebayPathAndQueryOf(originalUrl: string): string {
  return originalUrl.replace(PROXY_ROUTE, '');
}
