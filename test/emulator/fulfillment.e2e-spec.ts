import type { EbayOrder } from '../../src/emulator';
import { connectSeller, ebayError, getWithToken, startTestEmulator, type TestEmulator } from './emulator-test-kit';

interface OrdersPage {
  href: string;
  total: number;
  limit: number;
  offset: number;
  next?: string;
  prev?: string;
  orders: EbayOrder[];
  warnings: unknown[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

describe('emulator: Fulfillment getOrders (GET /sell/fulfillment/v1/order)', () => {
  let t: TestEmulator;
  let token: string;
  let allOrders: EbayOrder[];

  const getOrders = async (query: string, accessToken = token): Promise<Response> =>
    getWithToken(t.baseUrl, `/sell/fulfillment/v1/order${query}`, accessToken);
  const ordersPage = async (query: string): Promise<OrdersPage> => {
    const response = await getOrders(query);
    expect(response.status).toBe(200);
    return (await response.json()) as OrdersPage;
  };
  const filter = (value: string): string => `?filter=${encodeURIComponent(value)}`;

  beforeAll(async () => {
    t = await startTestEmulator();
    token = (await connectSeller(t.baseUrl, 'seller_one')).access_token;
    allOrders = await t.control.orders('seller_one');
  });
  afterAll(async () => {
    await t.emulator.close();
  });

  it('returns the orders of the last 90 days without a filter, 50 a page, newest first', async () => {
    const { now } = await t.control.clock();
    const expected = allOrders.filter((order) => Date.parse(order.creationDate) >= Date.parse(now) - 90 * DAY_MS);

    const page = await ordersPage('');

    expect(expected.length).toBeGreaterThan(200);
    expect(expected.length).toBeLessThan(allOrders.length);
    expect(page).toMatchObject({ total: expected.length, limit: 50, offset: 0, warnings: [] });
    expect(page.orders.map((order) => order.orderId)).toEqual(expected.slice(0, 50).map((order) => order.orderId));
    expect(page.href).toBe(`${t.baseUrl}/sell/fulfillment/v1/order?limit=50&offset=0`);
    expect(page.next).toBe(`${t.baseUrl}/sell/fulfillment/v1/order?limit=50&offset=50`);
    expect(page.prev).toBeUndefined();
  });

  it('pages through a window with next and prev links that exist only when such a page does', async () => {
    const window = `creationdate:[${new Date(Date.now() - 100 * DAY_MS).toISOString()}..]`;
    const first = await ordersPage(`${filter(window)}&limit=200`);
    expect(first.next).toBeDefined();
    expect(first.prev).toBeUndefined();
    expect(new URL(first.next ?? '').searchParams.get('filter')).toBe(window);

    const secondResponse = await fetch(first.next ?? '', { headers: { authorization: `Bearer ${token}` } });
    const second = (await secondResponse.json()) as OrdersPage;

    expect(second).toMatchObject({ total: first.total, limit: 200, offset: 200 });
    expect(second.next).toBeUndefined();
    expect(new URL(second.prev ?? '').searchParams.get('offset')).toBe('0');
    const ids = [...first.orders, ...second.orders].map((order) => order.orderId);
    expect(ids).toHaveLength(first.total);
    expect(new Set(ids).size).toBe(first.total);
    const created = [...first.orders, ...second.orders].map((order) => order.creationDate);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('points prev at the last page with orders when the offset is past the end', async () => {
    const total = (await ordersPage('?limit=1')).total;

    const past = await ordersPage(`?limit=50&offset=${total + 500}`);

    expect(past.orders).toEqual([]);
    expect(past.next).toBeUndefined();
    expect(new URL(past.prev ?? '').searchParams.get('offset')).toBe(String(total - 50));
  });

  it('treats both bounds of a creationdate range as inclusive', async () => {
    const order = allOrders[10] as EbayOrder;

    const page = await ordersPage(filter(`creationdate:[${order.creationDate}..${order.creationDate}]`));

    expect(page.orders.map((found) => found.orderId)).toContain(order.orderId);
    expect(page.orders.every((found) => found.creationDate === order.creationDate)).toBe(true);
  });

  it('reads percent-encoded and plain brackets alike', async () => {
    const start = new Date(Date.now() - 30 * DAY_MS).toISOString();

    const encoded = await ordersPage(`?filter=creationdate:%5B${start}..%5D`);
    const plain = await ordersPage(`?filter=creationdate:[${start}..]`);

    expect(encoded.total).toBeGreaterThan(0);
    expect(plain.total).toBe(encoded.total);
  });

  it('filters on lastmodifieddate with only an end bound', async () => {
    const end = new Date(Date.now() - 60 * DAY_MS).toISOString();
    const expected = allOrders.filter((order) => order.lastModifiedDate <= end).length;

    expect((await ordersPage(`${filter(`lastmodifieddate:[..${end}]`)}&limit=200`)).total).toBe(expected);
  });

  it('uses creationdate when both date filters are given', async () => {
    const creation = `creationdate:[${new Date(Date.now() - 10 * DAY_MS).toISOString()}..]`;
    const modified = `lastmodifieddate:[..${new Date(Date.now() - 100 * DAY_MS).toISOString()}]`;

    const both = await ordersPage(filter(`${modified},${creation}`));

    expect(both.total).toBe((await ordersPage(filter(creation))).total);
    expect(both.total).toBeGreaterThan(0);
  });

  it('filters on orderfulfillmentstatus in the two combinations eBay allows', async () => {
    const open = await ordersPage(`${filter('orderfulfillmentstatus:{NOT_STARTED|IN_PROGRESS}')}&limit=200`);

    expect(open.total).toBeGreaterThan(0);
    expect(open.orders.every((order) => order.orderFulfillmentStatus !== 'FULFILLED')).toBe(true);
    expect((await getOrders(filter('orderfulfillmentstatus:{NOT_STARTED}'))).status).toBe(400);
  });

  it('returns the orders named in orderIds, ignoring filter and paging, and leaves unknown ids out', async () => {
    const wanted = [allOrders[0], allOrders[300]].map((order) => order?.orderId ?? '');

    const page = await ordersPage(`?orderIds=${wanted.join(',')},99-99999-99999&filter=nonsense:1&limit=abc`);

    expect(page.total).toBe(2);
    expect(page.orders.map((order) => order.orderId).sort()).toEqual([...wanted].sort());
  });

  it('writes amounts as strings with their currency', async () => {
    const [order] = (await ordersPage('?limit=1')).orders;

    expect(order?.pricingSummary.total).toEqual({ value: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'USD' });
    expect(order?.orderId).toMatch(/^\d{2}-\d{5}-\d{5}$/);
  });

  it.each([
    ['an unknown filter name', filter('buyer:{someone}'), 30700],
    ['a range without brackets', filter('creationdate:2026-01-01T00:00:00.000Z'), 30800],
    ['a range with no bound at all', filter('creationdate:[..]'), 30800],
    ['an impossible date', filter('creationdate:[2026-02-30T00:00:00.000Z..]'), 30810],
    ['a date without a time zone', filter('lastmodifieddate:[2026-01-01T00:00:00..]'), 30810],
    ['a start after the end', filter('creationdate:[2026-02-01T00:00:00.000Z..2026-01-01T00:00:00.000Z]'), 30840],
    ['more than 50 orderIds', `?orderIds=${Array.from({ length: 51 }, (_, i) => `01-00000-${String(i).padStart(5, '0')}`).join(',')}`, 30850],
    ['a negative offset', '?offset=-1', 31000],
    ['a non-numeric offset', '?offset=ten', 31000],
    ['limit=0', '?limit=0', 31100],
    ['limit=201', '?limit=201', 31100],
  ])('answers 400 to %s with errorId %i', async (_case, query, errorId) => {
    const response = await getOrders(query);

    expect(response.status).toBe(400);
    expect(await ebayError(response)).toMatchObject({ errorId, domain: 'API_FULFILLMENT', category: 'REQUEST' });
  });

  it('answers an empty page, not an error, for a seller without orders', async () => {
    const quiet = (await connectSeller(t.baseUrl, 'seller_quiet')).access_token;

    const response = await getOrders('', quiet);

    expect(await response.json()).toEqual({
      href: `${t.baseUrl}/sell/fulfillment/v1/order?limit=50&offset=0`,
      total: 0,
      limit: 50,
      offset: 0,
      orders: [],
      warnings: [],
    });
  });

  it('shows an added order and a modified one in a lastmodifieddate window from now', async () => {
    const { now } = await t.control.clock();
    const added = await t.control.addOrder('seller_one', {
      creationDate: new Date(Date.parse(now) - 30 * DAY_MS).toISOString(),
      total: '42.50',
      buyerUsername: 'late_buyer',
    });
    const old = allOrders[allOrders.length - 1] as EbayOrder;
    await t.control.advanceClock(5);
    const modified = await t.control.updateOrder('seller_one', old.orderId, { orderFulfillmentStatus: 'FULFILLED' });

    const page = await ordersPage(filter(`lastmodifieddate:[${now}..]`));

    expect(Date.parse(modified.lastModifiedDate)).toBeGreaterThan(Date.parse(old.lastModifiedDate));
    expect(page.orders.map((order) => order.orderId).sort()).toEqual([added.orderId, old.orderId].sort());
    expect(page.orders.find((order) => order.orderId === added.orderId)?.pricingSummary.total).toEqual({
      value: '42.50',
      currency: 'USD',
    });
    await t.control.setClockOffset(0);
  });
});
