import type { KeysetPosition } from './keyset-cursor';
import type { KeysetPage, PageRequest } from './page-query.dto';

/**
 * The page of `rows`, which were read with one row more than the request's limit: that row, if
 * it came, says another page follows, starting after the last item's position.
 */
export function keysetPageOf<Row, Item>(
  rows: readonly Row[],
  request: PageRequest,
  total: number | null,
  itemOf: (row: Row) => Item,
  positionOf: (row: Row) => KeysetPosition,
): KeysetPage<Item> {
  const items = rows.slice(0, request.limit);
  const last = rows.length > request.limit ? items[items.length - 1] : undefined;
  return {
    items: items.map(itemOf),
    total,
    limit: request.limit,
    offset: request.kind === 'offset' ? request.offset : 0,
    next: last === undefined ? null : positionOf(last),
  };
}
