import { EbayApiError } from './ebay-errors';
import type { EbayOrder } from './ebay-wire.types';
import { matchOrders, type OrderQuery, parseOrderQuery } from './order-query';

const NOW_MS = Date.UTC(2026, 5, 1);
const DAY_MS = 86_400_000;

function query(text: string): OrderQuery {
  return parseOrderQuery(new URLSearchParams(text), NOW_MS);
}

function search(text: string): Extract<OrderQuery, { kind: 'search' }> {
  const parsed = query(text);
  if (parsed.kind !== 'search') throw new Error('expected a search');
  return parsed;
}

function anOrder(orderId: string, creationMs: number, lastModifiedMs: number, status: EbayOrder['orderFulfillmentStatus']): EbayOrder {
  return {
    orderId,
    creationDate: new Date(creationMs).toISOString(),
    lastModifiedDate: new Date(lastModifiedMs).toISOString(),
    orderFulfillmentStatus: status,
    orderPaymentStatus: 'PAID',
    buyer: { username: 'buyer' },
    pricingSummary: {
      priceSubtotal: { value: '1.00', currency: 'USD' },
      deliveryCost: { value: '0.00', currency: 'USD' },
      total: { value: '1.00', currency: 'USD' },
    },
    salesRecordReference: '1',
    lineItems: [],
  };
}

describe('parseOrderQuery', () => {
  it('searches the orders created in the last 90 days when no date criterion is given', () => {
    expect(search('')).toMatchObject({ dateField: 'creationDate', range: { fromMs: NOW_MS - 90 * DAY_MS } });
    expect(search('filter=orderfulfillmentstatus:{FULFILLED|IN_PROGRESS}').range).toEqual({
      fromMs: NOW_MS - 90 * DAY_MS,
    });
  });

  it('lets creationdate win over lastmodifieddate, in either order', () => {
    const creation = 'creationdate:[2026-05-01T00:00:00.000Z..]';
    const modified = 'lastmodifieddate:[2026-04-01T00:00:00.000Z..]';

    for (const filter of [`${creation},${modified}`, `${modified},${creation}`]) {
      expect(search(`filter=${encodeURIComponent(filter)}`)).toMatchObject({
        dateField: 'creationDate',
        range: { fromMs: Date.UTC(2026, 4, 1) },
        filter,
      });
    }
    expect(search(`filter=${encodeURIComponent(modified)}`).dateField).toBe('lastModifiedDate');
  });

  it('takes orderIds over filter, limit and offset, without validating those', () => {
    expect(query('orderIds=01-11111-11111, 02-22222-22222,01-11111-11111&filter=bad&limit=0')).toEqual({
      kind: 'ids',
      orderIds: ['01-11111-11111', '02-22222-22222'],
    });
  });

  it('accepts only the two fulfillment status combinations eBay documents', () => {
    expect([...(search('filter=orderfulfillmentstatus:{IN_PROGRESS|NOT_STARTED}').fulfillmentStatuses ?? [])].sort()).toEqual([
      'IN_PROGRESS',
      'NOT_STARTED',
    ]);
    for (const value of ['{FULFILLED}', '{NOT_STARTED|FULFILLED}', 'NOT_STARTED|IN_PROGRESS', '{NOT_STARTED|}']) {
      expect(() => query(`filter=orderfulfillmentstatus:${value}`)).toThrow(EbayApiError);
    }
  });
});

describe('matchOrders', () => {
  const orders = [
    anOrder('c', NOW_MS - 1 * DAY_MS, NOW_MS - 1 * DAY_MS, 'NOT_STARTED'),
    anOrder('b', NOW_MS - 10 * DAY_MS, NOW_MS - 2 * DAY_MS, 'FULFILLED'),
    anOrder('a', NOW_MS - 100 * DAY_MS, NOW_MS - 95 * DAY_MS, 'FULFILLED'),
  ];
  const ids = (text: string): string[] => matchOrders(orders, search(text)).map((order) => order.orderId);

  it('applies the date range to the field it names and keeps the given order', () => {
    const since = new Date(NOW_MS - 3 * DAY_MS).toISOString();

    expect(ids('')).toEqual(['c', 'b']);
    expect(ids(`filter=lastmodifieddate:[${since}..]`)).toEqual(['c', 'b']);
    expect(ids(`filter=creationdate:[${since}..]`)).toEqual(['c']);
  });

  it('combines the date range with the fulfillment status', () => {
    expect(ids('filter=orderfulfillmentstatus:{FULFILLED|IN_PROGRESS}')).toEqual(['b']);
  });
});
