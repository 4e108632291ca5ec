import { encodeCursor } from './keyset-cursor';
import type { KeysetPage } from './page-query.dto';

/** A keyset page as every list endpoint answers it. */
export interface PageResponse<R> {
  items: R[];
  total: number | null;
  limit: number;
  offset: number;
  nextCursor: string | null;
}

/** The page's items in their API shape, and its next position as an opaque cursor. */
export function pageResponseOf<T, R>(page: KeysetPage<T>, itemOf: (item: T) => R): PageResponse<R> {
  return {
    items: page.items.map(itemOf),
    total: page.total,
    limit: page.limit,
    offset: page.offset,
    nextCursor: page.next === null ? null : encodeCursor(page.next),
  };
}
