import { ApiPropertyOptional } from '../openapi/openapi-decorators';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { KeysetPosition } from './keyset-cursor';

export const MAX_PAGE_SIZE = 200;
/** Far past any real list, far below what PostgreSQL's bigint OFFSET refuses. */
export const MAX_OFFSET = 1_000_000;

/** `?limit=&offset=` on every list endpoint. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 50;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}

/** `?limit=&offset=`, or `?limit=&after=<nextCursor>` to page by keyset. */
export class KeysetPageQuery extends PageQuery {
  @ApiPropertyOptional({
    description:
      'A nextCursor from an earlier page: the page after it, read off the index and not counted ' +
      '(total is null). Not with a non-zero offset. Any other value: 400, code invalid_cursor.',
  })
  @IsOptional()
  @IsString()
  after?: string;
}

/** One page of a list, with the total the filter matches. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** Which page to read: by offset (counted), or after a position (not counted). */
export type PageRequest =
  | { readonly kind: 'offset'; readonly limit: number; readonly offset: number }
  | { readonly kind: 'after'; readonly limit: number; readonly after: KeysetPosition };

/** One page of a keyset-ordered list. */
export interface KeysetPage<T> {
  readonly items: T[];
  /** How many items the filter matches; null on keyset pages, which skip the count. */
  readonly total: number | null;
  readonly limit: number;
  readonly offset: number;
  /** The last item's position when more follow; null on the last page. */
  readonly next: KeysetPosition | null;
}
