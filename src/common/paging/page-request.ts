import { decodeCursor } from './keyset-cursor';
import type { KeysetPageQuery, PageRequest } from './page-query.dto';
import { CursorWithOffsetError } from './paging.errors';

/** The page a `?limit=&offset=&after=` query asks for; refuses a cursor with an offset. */
export function pageRequestOf(query: KeysetPageQuery): PageRequest {
  if (query.after === undefined) return { kind: 'offset', limit: query.limit, offset: query.offset };
  if (query.offset !== 0) throw new CursorWithOffsetError();
  return { kind: 'after', limit: query.limit, after: decodeCursor(query.after) };
}
