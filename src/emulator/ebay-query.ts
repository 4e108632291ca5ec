import type { QueryErrors } from './ebay-errors';

/**
 * The query grammar getOrders and getTransactions share: `filter=name:value,name:value`,
 * date ranges `[start..end]` with either bound optional, and `limit` / `offset` paging.
 * Each API passes its own error factory because eBay numbers the same mistake differently
 * in each API.
 */

/** Inclusive bounds, in epoch milliseconds. */
export interface DateRange {
  readonly fromMs?: number;
  readonly toMs?: number;
}

export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

const ISO_UTC = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const RANGE = /^\[(.*)\.\.(.*)\]$/;
const NON_NEGATIVE_INTEGER = /^\d+$/;

/** `name:value` pairs of a filter parameter, by name. A name given twice is refused. */
export function splitFilter(filter: string, errors: QueryErrors): Map<string, string> {
  const criteria = new Map<string, string>();
  for (const part of filter.split(',')) {
    const criterion = part.trim();
    if (criterion === '') continue;
    const colon = criterion.indexOf(':');
    if (colon <= 0) throw errors.invalidFilterName(criterion);
    const name = criterion.slice(0, colon);
    const value = criterion.slice(colon + 1);
    if (criteria.has(name)) throw errors.invalidFilterValue(name, value);
    criteria.set(name, value);
  }
  return criteria;
}

/** Parses `[start..end]`; either bound may be empty, not both. */
export function parseDateRange(name: string, value: string, errors: QueryErrors): DateRange {
  const match = RANGE.exec(value);
  if (match === null) throw errors.invalidFilterValue(name, value);
  const [, start = '', end = ''] = match;
  if (start === '' && end === '') throw errors.invalidFilterValue(name, value);
  const fromMs = start === '' ? undefined : parseUtcTimestamp(start, errors);
  const toMs = end === '' ? undefined : parseUtcTimestamp(end, errors);
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) throw errors.startAfterEnd(name);
  return { fromMs, toMs };
}

/** `{A|B}`: the set of alternatives a criterion such as orderfulfillmentstatus takes. */
export function parseAlternatives(name: string, value: string, errors: QueryErrors): string[] {
  if (!value.startsWith('{') || !value.endsWith('}')) throw errors.invalidFilterValue(name, value);
  const alternatives = value.slice(1, -1).split('|');
  if (alternatives.some((alternative) => alternative === '')) throw errors.invalidFilterValue(name, value);
  return alternatives;
}

export function isWithin(timestampMs: number, range: DateRange): boolean {
  return (
    (range.fromMs === undefined || timestampMs >= range.fromMs) &&
    (range.toMs === undefined || timestampMs <= range.toMs)
  );
}

/** limit and offset, validated against the API's bounds. */
export function parsePaging(
  params: URLSearchParams,
  bounds: { defaultLimit: number; maxLimit: number },
  errors: QueryErrors,
): PageRequest {
  const limitText = params.get('limit');
  const offsetText = params.get('offset');
  const limit = limitText === null ? bounds.defaultLimit : parseNonNegativeInteger(limitText);
  const offset = offsetText === null ? 0 : parseNonNegativeInteger(offsetText);
  if (limit === undefined || limit < 1 || limit > bounds.maxLimit) throw errors.invalidLimit(limitText ?? '');
  if (offset === undefined) throw errors.invalidOffset(offsetText ?? '');
  return { limit, offset };
}

function parseNonNegativeInteger(text: string): number | undefined {
  if (!NON_NEGATIVE_INTEGER.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * eBay wants ISO 8601 in UTC. Date.parse alone would accept local times and roll impossible
 * days (Feb 30) over, so the calendar date must survive a round trip.
 */
function parseUtcTimestamp(text: string, errors: QueryErrors): number {
  const match = ISO_UTC.exec(text);
  const timestampMs = match === null ? Number.NaN : Date.parse(text);
  if (match === null || Number.isNaN(timestampMs) || new Date(timestampMs).toISOString().slice(0, 10) !== match[1]) {
    throw errors.invalidDate(text);
  }
  return timestampMs;
}
