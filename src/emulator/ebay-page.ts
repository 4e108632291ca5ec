import type { EbayPage } from './ebay-wire.types';
import type { PageRequest } from './ebay-query';

/**
 * The paging envelope of a result list: href for this page, next/prev only when such a page
 * exists (eBay omits them rather than sending null), the query carried over into each link.
 */
export function buildPage(
  resourceUrl: string,
  carriedParams: ReadonlyArray<readonly [string, string]>,
  total: number,
  page: PageRequest,
): EbayPage {
  const link = (offset: number): string => {
    const query = [...carriedParams, ['limit', String(page.limit)], ['offset', String(offset)]]
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&');
    return `${resourceUrl}?${query}`;
  };
  const envelope: EbayPage = { href: link(page.offset), total, limit: page.limit, offset: page.offset };
  if (page.offset + page.limit < total) envelope.next = link(page.offset + page.limit);
  // Past the end, "previous" is the last page that has items, not a page of nothing.
  if (page.offset > 0 && total > 0) envelope.prev = link(Math.max(0, Math.min(page.offset, total) - page.limit));
  return envelope;
}

export function pageOf<T>(items: readonly T[], page: PageRequest): T[] {
  return items.slice(page.offset, page.offset + page.limit);
}
