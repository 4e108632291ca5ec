import { fulfillmentErrors } from './ebay-errors';
import {
  type DateRange,
  isWithin,
  type PageRequest,
  parseAlternatives,
  parseDateRange,
  parsePaging,
  splitFilter,
} from './ebay-query';
import type { EbayOrder, OrderFulfillmentStatus } from './ebay-wire.types';

/** getOrders' query, validated. Either a list of order ids or a filtered, paged search. */
export type OrderQuery =
  | { readonly kind: 'ids'; readonly orderIds: readonly string[] }
  | {
      readonly kind: 'search';
      /** Which timestamp the range applies to; creationdate wins when both are given. */
      readonly dateField: 'creationDate' | 'lastModifiedDate';
      readonly range: DateRange;
      readonly fulfillmentStatuses?: ReadonlySet<OrderFulfillmentStatus>;
      readonly page: PageRequest;
      /** The filter as sent, repeated in href/next/prev. */
      readonly filter?: string;
    };

export const ORDER_PAGING = { defaultLimit: 50, maxLimit: 200 } as const;
const MAX_ORDER_IDS = 50;
const DEFAULT_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;
// eBay accepts only these two combinations for orderfulfillmentstatus.
const FULFILLMENT_STATUS_SETS: readonly (readonly OrderFulfillmentStatus[])[] = [
  ['NOT_STARTED', 'IN_PROGRESS'],
  ['FULFILLED', 'IN_PROGRESS'],
];

export function parseOrderQuery(params: URLSearchParams, nowMs: number): OrderQuery {
  const orderIds = (params.get('orderIds') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (orderIds.length > MAX_ORDER_IDS) throw fulfillmentErrors.tooManyOrderIds(orderIds.length);
  // orderIds overrides filter, limit and offset, which are then not even validated.
  if (orderIds.length > 0) return { kind: 'ids', orderIds: [...new Set(orderIds)] };

  const filter = params.get('filter') ?? undefined;
  const criteria = splitFilter(filter ?? '', fulfillmentErrors);
  let creation: DateRange | undefined;
  let lastModified: DateRange | undefined;
  let fulfillmentStatuses: ReadonlySet<OrderFulfillmentStatus> | undefined;
  for (const [name, value] of criteria) {
    if (name === 'creationdate') creation = parseDateRange(name, value, fulfillmentErrors);
    else if (name === 'lastmodifieddate') lastModified = parseDateRange(name, value, fulfillmentErrors);
    else if (name === 'orderfulfillmentstatus') fulfillmentStatuses = parseFulfillmentStatuses(name, value);
    else throw fulfillmentErrors.invalidFilterName(name);
  }
  const page = parsePaging(params, ORDER_PAGING, fulfillmentErrors);
  const common = { fulfillmentStatuses, page, filter };
  if (creation !== undefined) return { kind: 'search', dateField: 'creationDate', range: creation, ...common };
  if (lastModified !== undefined) return { kind: 'search', dateField: 'lastModifiedDate', range: lastModified, ...common };
  // No date criterion: eBay returns the orders created in the last 90 days.
  return { kind: 'search', dateField: 'creationDate', range: { fromMs: nowMs - DEFAULT_WINDOW_MS }, ...common };
}

/** The orders a search matches, in the order given (the store keeps them newest first). */
export function matchOrders(
  orders: readonly EbayOrder[],
  query: Extract<OrderQuery, { kind: 'search' }>,
): EbayOrder[] {
  return orders.filter(
    (order) =>
      isWithin(Date.parse(order[query.dateField]), query.range) &&
      (query.fulfillmentStatuses === undefined || query.fulfillmentStatuses.has(order.orderFulfillmentStatus)),
  );
}

function parseFulfillmentStatuses(name: string, value: string): ReadonlySet<OrderFulfillmentStatus> {
  const requested = new Set(parseAlternatives(name, value, fulfillmentErrors));
  const allowed = FULFILLMENT_STATUS_SETS.find(
    (set) => set.length === requested.size && set.every((status) => requested.has(status)),
  );
  if (allowed === undefined) throw fulfillmentErrors.invalidFilterValue(name, value);
  return new Set(allowed);
}
