import type { OpenAPIV3 } from 'openapi-types';
import type { RunningEmulator } from '../src/emulator';
import { encodeCursor } from '../src/common/paging/keyset-cursor';
import type { PageRequest } from '../src/common/paging/page-query.dto';
import { ordersPageStatement } from '../src/sync/stored-orders.repository';
import { transactionsPageStatement } from '../src/sync/stored-transactions.repository';
import { contractOperations } from './contract/contract-operations';
import { ResponseChecker } from './contract/response-check';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import {
  anOrder,
  aTransaction,
  insertOrders,
  insertTransactions,
  type OrderFixture,
  type TransactionFixture,
} from './support/stored-records';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { anEmail, registerAndLogin, type SignedInUser } from './support/users';

interface Page {
  readonly items: Record<string, unknown>[];
  readonly total: number | null;
  readonly limit: number;
  readonly offset: number;
  readonly nextCursor: string | null;
}

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

/** Every fixture instant has all six fractional digits, so they compare as text. */
function at(text: string): string {
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(6, '0')}Z`;
}

const ORDERS: readonly OrderFixture[] = [
  anOrder({ orderId: '01-00000-00001', creationDate: at('2026-02-01T10:00:00'), lastModifiedDate: at('2026-02-01T10:00:00') }),
  anOrder({
    orderId: '01-00000-00002',
    creationDate: at('2026-02-02T10:00:00'),
    lastModifiedDate: at('2026-02-05T10:00:00'),
    fulfillmentStatus: 'IN_PROGRESS',
  }),
  anOrder({
    orderId: '01-00000-00003',
    creationDate: at('2026-02-03T10:00:00'),
    lastModifiedDate: at('2026-02-10T10:00:00'),
    fulfillmentStatus: 'FULFILLED',
    paymentStatus: 'FULLY_REFUNDED',
  }),
  // Three created at the very same microsecond: the id breaks the tie.
  anOrder({ orderId: '01-00000-00004', creationDate: at('2026-02-04T10:00:00'), fulfillmentStatus: 'IN_PROGRESS', paymentStatus: 'PENDING' }),
  anOrder({ orderId: '01-00000-00005', creationDate: at('2026-02-04T10:00:00'), fulfillmentStatus: 'FULFILLED' }),
  anOrder({ orderId: '01-00000-00006', creationDate: at('2026-02-04T10:00:00'), paymentStatus: 'FAILED' }),
  // One microsecond apart, within one millisecond.
  anOrder({
    orderId: '01-00000-00007',
    creationDate: at('2026-02-05T10:00:00.123456'),
    lastModifiedDate: at('2026-02-06T10:00:00'),
    fulfillmentStatus: 'IN_PROGRESS',
    paymentStatus: 'PARTIALLY_REFUNDED',
  }),
  anOrder({
    orderId: '01-00000-00008',
    creationDate: at('2026-02-05T10:00:00.123457'),
    fulfillmentStatus: 'FULFILLED',
    total: null,
    buyerUsername: null,
  }),
  anOrder({
    orderId: '01-00000-00009',
    creationDate: at('2026-02-06T10:00:00'),
    lastModifiedDate: at('2026-02-20T10:00:00'),
    paymentStatus: 'PENDING',
    total: { value: '0.10', currency: 'EUR' },
    buyerUsername: 'käufer_ü',
  }),
  anOrder({
    orderId: '01-00000-00010',
    creationDate: at('2026-02-07T10:00:00'),
    fulfillmentStatus: 'FULFILLED',
    total: { value: '1234.50', currency: 'GBP' },
    raw: {
      orderId: '01-00000-00010',
      creationDate: '2026-02-07T10:00:00.000Z',
      orderFulfillmentStatus: 'FULFILLED',
      pricingSummary: { priceSubtotal: { value: '1200.00', currency: 'GBP' }, total: { value: '1234.50', currency: 'GBP' } },
      lineItems: [
        { lineItemId: '10012345678901', title: 'Teekanne „Ostfriesland“ – 1,5 l', quantity: 2, total: { value: '1200.00', currency: 'GBP' } },
      ],
      fulfillmentStartInstructions: [{ shippingStep: { shipTo: { fullName: 'Zoë O’Brien' } } }],
      cancelStatus: { cancelState: 'NONE_REQUESTED', cancelRequests: [] },
      salesRecordReference: '0',
      ebayCollectAndRemitTax: false,
    },
  }),
];

const TRANSACTIONS: readonly TransactionFixture[] = [
  aTransaction({ transactionId: '500000000001', transactionDate: at('2026-02-01T11:00:00'), orderId: '01-00000-00001', buyerUsername: 'buyer1' }),
  aTransaction({
    transactionId: '500000000002',
    transactionDate: at('2026-02-02T11:00:00'),
    transactionStatus: 'PAYOUT',
    orderId: '01-00000-00002',
  }),
  // Three at one microsecond.
  aTransaction({
    transactionId: '500000000003',
    transactionDate: at('2026-02-03T11:00:00'),
    transactionType: 'REFUND',
    transactionStatus: 'COMPLETED',
    bookingEntry: 'DEBIT',
    orderId: '01-00000-00003',
  }),
  aTransaction({
    transactionId: '500000000004',
    transactionDate: at('2026-02-03T11:00:00'),
    transactionType: 'NON_SALE_CHARGE',
    transactionStatus: 'COMPLETED',
    amount: { value: '1.50', currency: 'USD' },
    bookingEntry: 'DEBIT',
  }),
  aTransaction({
    transactionId: '500000000005',
    transactionDate: at('2026-02-03T11:00:00'),
    transactionType: 'SHIPPING_LABEL',
    transactionStatus: 'FUNDS_PROCESSING',
    amount: { value: '4.05', currency: 'USD' },
    bookingEntry: 'DEBIT',
    orderId: '01-00000-00003',
  }),
  aTransaction({
    transactionId: '500000000006',
    transactionDate: at('2026-02-05T11:00:00'),
    transactionType: 'TRANSFER',
    transactionStatus: null,
    amount: null,
    bookingEntry: null,
  }),
  aTransaction({
    transactionId: 'FEE-2026-02',
    transactionDate: at('2026-02-08T11:00:00.000001'),
    transactionType: 'ADJUSTMENT',
    transactionStatus: 'FUNDS_ON_HOLD',
  }),
  aTransaction({
    transactionId: '500000000008',
    transactionDate: at('2026-02-09T11:00:00'),
    transactionType: 'WITHDRAWAL',
    transactionStatus: 'FAILED',
    amount: { value: '250.00', currency: 'USD' },
    bookingEntry: 'DEBIT',
  }),
  aTransaction({
    transactionId: '500000000009',
    transactionDate: at('2026-02-10T11:00:00'),
    transactionStatus: 'FUNDS_ON_HOLD',
    orderId: '01-00000-00002',
    buyerUsername: 'buyer2',
  }),
];

describe('the stored orders and transactions of an account', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let admin: SignedInUser;
  let alice: SignedInUser;
  let bob: SignedInUser;
  /** alice's account with the fixtures; her second, disconnected one; bob's. */
  let shop: string;
  let closedShop: string;
  let bobsShop: string;

  async function page(user: SignedInUser, path: string): Promise<Page> {
    return (await t.http.get(path).set(user.auth).expect(200)).body as Page;
  }

  /** Every page, the first by offset and the rest by cursor with the same filters, as a client walks them. */
  async function walk(user: SignedInUser, path: string, query: string): Promise<Page[]> {
    const pages = [await page(user, `${path}?${query}`)];
    for (let cursor = pages[0].nextCursor; cursor !== null; cursor = pages[pages.length - 1].nextCursor) {
      pages.push(await page(user, `${path}?${query}&after=${cursor}`));
      if (pages.length > 100) throw new Error('The cursor walk does not end');
    }
    return pages;
  }

  const ids = (pages: readonly Page[], key: string): unknown[] => pages.flatMap((each) => each.items.map((item) => item[key]));

  /** The order the lists promise, as the database sorts it (newest first, the row id breaking ties). */
  async function storedOrder(table: 'ebay_orders' | 'ebay_transactions', accountId: string): Promise<string[]> {
    const [key, sort] = table === 'ebay_orders' ? ['order_id', 'creation_date'] : ['transaction_id', 'transaction_date'];
    const result = await withDatabase(t.database.url, (client) =>
      client.query(`SELECT ${key} AS key FROM ${table} WHERE ebay_account_id = $1 ORDER BY ${sort} DESC, id DESC`, [accountId]),
    );
    return result.rows.map((row: { key: string }) => row.key);
  }

  async function expectedOrders(keep: (order: OrderFixture) => boolean): Promise<string[]> {
    const kept = new Set(ORDERS.filter(keep).map((order) => order.orderId));
    return (await storedOrder('ebay_orders', shop)).filter((orderId) => kept.has(orderId));
  }

  async function expectedTransactions(keep: (transaction: TransactionFixture) => boolean): Promise<string[]> {
    const kept = new Set(TRANSACTIONS.filter(keep).map((transaction) => transaction.transactionId));
    return (await storedOrder('ebay_transactions', shop)).filter((transactionId) => kept.has(transactionId));
  }

  beforeAll(async () => {
    ({ emulator } = await startTestEbay());
    t = await startConnectedApp(emulator);
    admin = await registerAndLogin(t.http, anEmail('admin'));
    alice = await registerAndLogin(t.http, anEmail('alice'));
    bob = await registerAndLogin(t.http, anEmail('bob'));
    expect(admin.isAdmin).toBe(true);
    shop = (await connectAccount(t, alice, { ebayUser: 'seller_one' })).id;
    closedShop = (await connectAccount(t, alice, { ebayUser: 'seller_two' })).id;
    bobsShop = (await connectAccount(t, bob, { ebayUser: 'seller_three' })).id;

    await insertOrders(t.database.url, shop, ORDERS);
    await insertTransactions(t.database.url, shop, TRANSACTIONS);
    // Bob's records share ids with alice's: each account has its own copy.
    await insertOrders(t.database.url, bobsShop, [
      anOrder({ orderId: '01-00000-00001', creationDate: at('2026-02-01T10:00:00'), buyerUsername: 'bobs_buyer' }),
      anOrder({ orderId: '02-00000-00001', creationDate: at('2026-02-04T10:00:00'), fulfillmentStatus: 'IN_PROGRESS' }),
    ]);
    await insertTransactions(t.database.url, bobsShop, [aTransaction({ transactionId: '500000000001', transactionDate: at('2026-02-01T11:00:00') })]);
    await insertOrders(t.database.url, closedShop, [anOrder({ orderId: '03-00000-00001', creationDate: at('2026-01-15T10:00:00') })]);
    await insertTransactions(t.database.url, closedShop, [aTransaction({ transactionId: '530000000001', transactionDate: at('2026-01-15T11:00:00') })]);
    await t.http.delete(`/api/ebay-accounts/${closedShop}`).set(alice.auth).expect(200);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  describe('GET /api/ebay-accounts/:id/orders', () => {
    const path = (): string => `/api/ebay-accounts/${shop}/orders`;

    it('lists the account’s stored orders newest created first, each as the sync stored it', async () => {
      const listed = await page(alice, path());

      expect(listed).toMatchObject({ total: ORDERS.length, limit: 50, offset: 0, nextCursor: null });
      expect(listed.items.map((item) => item.orderId)).toEqual(await expectedOrders(() => true));
      expect(listed.items[0]).toEqual({
        orderId: '01-00000-00010',
        creationDate: '2026-02-07T10:00:00.000Z',
        lastModifiedDate: '2026-02-07T10:00:00.000Z',
        orderFulfillmentStatus: 'FULFILLED',
        orderPaymentStatus: 'PAID',
        total: { value: '1234.50', currency: 'GBP' },
        buyerUsername: 'buyer1',
        syncedAt: '2026-03-01T12:00:00.000Z',
      });
      const byId = new Map(listed.items.map((item) => [item.orderId, item]));
      // Amounts come back as the decimal text stored, trailing zeros kept; absent ones as null.
      expect(byId.get('01-00000-00009')).toMatchObject({ total: { value: '0.10', currency: 'EUR' }, buyerUsername: 'käufer_ü' });
      expect(byId.get('01-00000-00008')).toMatchObject({ total: null, buyerUsername: null });
      expect(listed.items.every((item) => !('raw' in item))).toBe(true);
    });

    it('filters by fulfillment status, payment status, modification and creation, and by all at once', async () => {
      const cases: [string, (order: OrderFixture) => boolean][] = [
        ['status=IN_PROGRESS', (order) => order.fulfillmentStatus === 'IN_PROGRESS'],
        ['status=FULFILLED', (order) => order.fulfillmentStatus === 'FULFILLED'],
        ['paymentStatus=PENDING', (order) => order.paymentStatus === 'PENDING'],
        ['paymentStatus=FULLY_REFUNDED', (order) => order.paymentStatus === 'FULLY_REFUNDED'],
        ['modifiedSince=2026-02-06T10:00:00Z', (order) => order.lastModifiedDate >= at('2026-02-06T10:00:00')],
        // Both ends inclusive, to the microsecond.
        ['createdFrom=2026-02-04T10:00:00Z', (order) => order.creationDate >= at('2026-02-04T10:00:00')],
        ['createdTo=2026-02-04T10:00:00.000Z', (order) => order.creationDate <= at('2026-02-04T10:00:00')],
        ['createdTo=2026-02-05T10:00:00.123456Z', (order) => order.creationDate <= at('2026-02-05T10:00:00.123456')],
        [
          'createdFrom=2026-02-02T10:00:00Z&createdTo=2026-02-05T10:00:00.123456Z',
          (order) => order.creationDate >= at('2026-02-02T10:00:00') && order.creationDate <= at('2026-02-05T10:00:00.123456'),
        ],
        // An offset names the same instant: 12:00 at +02:00 is 10:00 UTC.
        ['createdFrom=2026-02-05T12:00:00.123457%2B02:00', (order) => order.creationDate >= at('2026-02-05T10:00:00.123457')],
        [
          'status=IN_PROGRESS&paymentStatus=PENDING&createdFrom=2026-02-01T00:00:00Z&createdTo=2026-02-28T00:00:00Z',
          (order) => order.fulfillmentStatus === 'IN_PROGRESS' && order.paymentStatus === 'PENDING',
        ],
        [
          'status=FULFILLED&modifiedSince=2026-02-04T10:00:00Z&createdTo=2026-02-05T10:00:00.123457Z',
          (order) =>
            order.fulfillmentStatus === 'FULFILLED' &&
            order.lastModifiedDate >= at('2026-02-04T10:00:00') &&
            order.creationDate <= at('2026-02-05T10:00:00.123457'),
        ],
        ['status=NOT_STARTED&paymentStatus=PARTIALLY_REFUNDED', () => false],
      ];
      for (const [query, keep] of cases) {
        const expected = await expectedOrders(keep);
        const listed = await page(alice, `${path()}?${query}`);
        expect([query, listed.items.map((item) => item.orderId), listed.total]).toEqual([query, expected, expected.length]);
      }
    });

    it('pages by offset with the filter’s total', async () => {
      const all = await expectedOrders(() => true);
      const second = await page(alice, `${path()}?limit=3&offset=3`);
      expect(second).toMatchObject({ total: all.length, limit: 3, offset: 3, nextCursor: expect.any(String) });
      expect(second.items.map((item) => item.orderId)).toEqual(all.slice(3, 6));

      const filtered = await page(alice, `${path()}?status=FULFILLED&limit=2&offset=2`);
      const fulfilled = await expectedOrders((order) => order.fulfillmentStatus === 'FULFILLED');
      expect(filtered).toMatchObject({ total: fulfilled.length, offset: 2, nextCursor: null });
      expect(filtered.items.map((item) => item.orderId)).toEqual(fulfilled.slice(2, 4));

      const pastTheEnd = await page(alice, `${path()}?offset=50`);
      expect(pastTheEnd).toMatchObject({ items: [], total: all.length, nextCursor: null });
    });

    it('walks every order exactly once by cursor, those created at one instant included, with and without a filter', async () => {
      for (const [query, keep] of [
        ['limit=2', () => true],
        ['limit=1', () => true],
        ['limit=2&status=FULFILLED', (order: OrderFixture) => order.fulfillmentStatus === 'FULFILLED'],
        ['limit=1&createdFrom=2026-02-04T10:00:00Z&createdTo=2026-02-04T10:00:00Z', (order: OrderFixture) => order.creationDate === at('2026-02-04T10:00:00')],
      ] as const) {
        const pages = await walk(alice, path(), query);
        const walked = ids(pages, 'orderId');
        const expected = await expectedOrders(keep);
        expect([query, walked]).toEqual([query, expected]);
        expect(new Set(walked).size).toBe(walked.length);
        for (const later of pages.slice(1)) expect(later).toMatchObject({ total: null, offset: 0 });
      }
    });

    it('answers one order with raw exactly as stored, and 404 order_not_found for an order it does not hold', async () => {
      const stored = ORDERS.find((order) => order.orderId === '01-00000-00010')!;
      const { body } = await t.http.get(`${path()}/01-00000-00010`).set(alice.auth).expect(200);
      expect(body).toEqual({
        orderId: '01-00000-00010',
        creationDate: '2026-02-07T10:00:00.000Z',
        lastModifiedDate: '2026-02-07T10:00:00.000Z',
        orderFulfillmentStatus: 'FULFILLED',
        orderPaymentStatus: 'PAID',
        total: { value: '1234.50', currency: 'GBP' },
        buyerUsername: 'buyer1',
        syncedAt: '2026-03-01T12:00:00.000Z',
        raw: stored.raw,
      });
      const noTotal = await t.http.get(`${path()}/01-00000-00008`).set(alice.auth).expect(200);
      expect(noTotal.body).toMatchObject({ total: null, buyerUsername: null, raw: ORDERS.find((order) => order.orderId === '01-00000-00008')!.raw });

      for (const unknown of ['99-99999-99999', '02-00000-00001' /* bob's */]) {
        const missing = await t.http.get(`${path()}/${unknown}`).set(alice.auth).expect(404);
        expect(missing.body).toMatchObject({ statusCode: 404, code: 'order_not_found' });
      }
      // The same orderId in two accounts: each answers its own.
      const bobs = await t.http.get(`/api/ebay-accounts/${bobsShop}/orders/01-00000-00001`).set(bob.auth).expect(200);
      expect(bobs.body).toMatchObject({ buyerUsername: 'bobs_buyer' });
      expect((await page(bob, `/api/ebay-accounts/${bobsShop}/orders`)).items.map((item) => item.orderId)).toEqual(['02-00000-00001', '01-00000-00001']);
    });
  });

  describe('GET /api/ebay-accounts/:id/transactions', () => {
    const path = (): string => `/api/ebay-accounts/${shop}/transactions`;

    it('lists the account’s stored transactions newest first, each as the sync stored it', async () => {
      const listed = await page(alice, path());

      expect(listed).toMatchObject({ total: TRANSACTIONS.length, limit: 50, offset: 0, nextCursor: null });
      expect(listed.items.map((item) => item.transactionId)).toEqual(await expectedTransactions(() => true));
      expect(listed.items[0]).toEqual({
        transactionId: '500000000009',
        transactionType: 'SALE',
        transactionStatus: 'FUNDS_ON_HOLD',
        transactionDate: '2026-02-10T11:00:00.000Z',
        amount: { value: '12.90', currency: 'USD' },
        bookingEntry: 'CREDIT',
        orderId: '01-00000-00002',
        buyerUsername: 'buyer2',
        syncedAt: '2026-03-01T12:00:00.000Z',
      });
      const byId = new Map(listed.items.map((item) => [item.transactionId, item]));
      expect(byId.get('500000000006')).toMatchObject({ transactionStatus: null, amount: null, bookingEntry: null, orderId: null });
      expect(byId.get('500000000004')).toMatchObject({ amount: { value: '1.50', currency: 'USD' }, orderId: null });
    });

    it('filters by type, status, order and date, and by all at once', async () => {
      const cases: [string, (transaction: TransactionFixture) => boolean][] = [
        ['transactionType=SALE', (transaction) => transaction.transactionType === 'SALE'],
        ['transactionType=NON_SALE_CHARGE', (transaction) => transaction.transactionType === 'NON_SALE_CHARGE'],
        ['transactionStatus=COMPLETED', (transaction) => transaction.transactionStatus === 'COMPLETED'],
        ['transactionStatus=FUNDS_ON_HOLD', (transaction) => transaction.transactionStatus === 'FUNDS_ON_HOLD'],
        ['orderId=01-00000-00003', (transaction) => transaction.orderId === '01-00000-00003'],
        ['dateFrom=2026-02-03T11:00:00Z', (transaction) => transaction.transactionDate >= at('2026-02-03T11:00:00')],
        ['dateTo=2026-02-03T11:00:00Z', (transaction) => transaction.transactionDate <= at('2026-02-03T11:00:00')],
        ['dateFrom=2026-02-08T11:00:00.000001Z', (transaction) => transaction.transactionDate >= at('2026-02-08T11:00:00.000001')],
        ['dateFrom=2026-02-08T11:00:00.000002Z', (transaction) => transaction.transactionDate >= at('2026-02-08T11:00:00.000002')],
        [
          'dateFrom=2026-02-03T11:00:00Z&dateTo=2026-02-08T11:00:00.000001Z',
          (transaction) => transaction.transactionDate >= at('2026-02-03T11:00:00') && transaction.transactionDate <= at('2026-02-08T11:00:00.000001'),
        ],
        [
          'transactionType=SALE&orderId=01-00000-00002&transactionStatus=PAYOUT&dateTo=2026-02-28T00:00:00Z',
          (transaction) => transaction.transactionId === '500000000002',
        ],
        ['transactionType=REFUND&transactionStatus=FUNDS_ON_HOLD', () => false],
      ];
      for (const [query, keep] of cases) {
        const expected = await expectedTransactions(keep);
        const listed = await page(alice, `${path()}?${query}`);
        expect([query, listed.items.map((item) => item.transactionId), listed.total]).toEqual([query, expected, expected.length]);
      }
    });

    it('pages by offset with the total, and walks every transaction exactly once by cursor', async () => {
      const all = await expectedTransactions(() => true);
      const second = await page(alice, `${path()}?limit=4&offset=4`);
      expect(second).toMatchObject({ total: all.length, limit: 4, offset: 4 });
      expect(second.items.map((item) => item.transactionId)).toEqual(all.slice(4, 8));

      for (const [query, keep] of [
        ['limit=2', () => true],
        ['limit=1&dateFrom=2026-02-03T11:00:00Z&dateTo=2026-02-03T11:00:00Z', (transaction: TransactionFixture) => transaction.transactionDate === at('2026-02-03T11:00:00')],
        ['limit=1&transactionType=SALE', (transaction: TransactionFixture) => transaction.transactionType === 'SALE'],
      ] as const) {
        const walked = ids(await walk(alice, path(), query), 'transactionId');
        expect([query, walked]).toEqual([query, await expectedTransactions(keep)]);
        expect(new Set(walked).size).toBe(walked.length);
      }
    });

    it('answers one transaction with raw exactly as stored, and 404 transaction_not_found for one it does not hold', async () => {
      const stored = TRANSACTIONS.find((transaction) => transaction.transactionId === 'FEE-2026-02')!;
      const { body } = await t.http.get(`${path()}/FEE-2026-02`).set(alice.auth).expect(200);
      expect(body).toEqual({
        transactionId: 'FEE-2026-02',
        transactionType: 'ADJUSTMENT',
        transactionStatus: 'FUNDS_ON_HOLD',
        transactionDate: '2026-02-08T11:00:00.000Z',
        amount: { value: '12.90', currency: 'USD' },
        bookingEntry: 'CREDIT',
        orderId: null,
        buyerUsername: null,
        syncedAt: '2026-03-01T12:00:00.000Z',
        raw: stored.raw,
      });
      const missing = await t.http.get(`${path()}/599999999999`).set(alice.auth).expect(404);
      expect(missing.body).toMatchObject({ statusCode: 404, code: 'transaction_not_found' });
      const otherAccounts = await t.http.get(`/api/ebay-accounts/${bobsShop}/transactions/500000000002`).set(bob.auth).expect(404);
      expect(otherAccounts.body).toMatchObject({ code: 'transaction_not_found' });
    });
  });

  describe('who may read them', () => {
    const routes = (accountId: string): string[] => [
      `/api/ebay-accounts/${accountId}/orders`,
      `/api/ebay-accounts/${accountId}/orders/01-00000-00001`,
      `/api/ebay-accounts/${accountId}/transactions`,
      `/api/ebay-accounts/${accountId}/transactions/500000000001`,
    ];

    it('answers another organisation’s account as not found, as the account routes do', async () => {
      for (const route of routes(shop)) {
        const refused = await t.http.get(route).set(bob.auth).expect(404);
        expect([route, refused.body]).toMatchObject([route, { statusCode: 404, message: 'eBay account not found' }]);
        expect(refused.text).not.toContain('01-00000');
      }
      for (const route of routes('6f1c2f0e-2b7d-4f0e-9a51-0d4f1f6b1c2a')) await t.http.get(route).set(alice.auth).expect(404);
      for (const route of routes(shop)) await t.http.get(route).expect(401);
    });

    it('shows administrators every organisation’s records', async () => {
      const asAlice = await page(alice, `/api/ebay-accounts/${shop}/orders?status=IN_PROGRESS`);
      const asAdmin = await page(admin, `/api/ebay-accounts/${shop}/orders?status=IN_PROGRESS`);
      expect(asAdmin).toEqual(asAlice);
      expect(asAdmin.items.length).toBeGreaterThan(0);
      for (const route of routes(shop)) await t.http.get(route).set(admin.auth).expect(200);
    });

    it('keeps a disconnected account’s history readable', async () => {
      const account = await t.http.get(`/api/ebay-accounts/${closedShop}`).set(alice.auth).expect(200);
      expect(account.body).toMatchObject({ status: 'disconnected' });
      expect((await page(alice, `/api/ebay-accounts/${closedShop}/orders`)).items.map((item) => item.orderId)).toEqual(['03-00000-00001']);
      expect((await page(alice, `/api/ebay-accounts/${closedShop}/transactions`)).items.map((item) => item.transactionId)).toEqual(['530000000001']);
      await t.http.get(`/api/ebay-accounts/${closedShop}/orders/03-00000-00001`).set(alice.auth).expect(200);
    });
  });

  describe('bad input', () => {
    it('refuses filter values outside eBay’s vocabulary, dates that are not instants, and empty ranges', async () => {
      const orders = `/api/ebay-accounts/${shop}/orders`;
      const transactions = `/api/ebay-accounts/${shop}/transactions`;
      for (const [target, message] of [
        [`${orders}?status=SHIPPED`, /status must be one of/],
        [`${orders}?status=in_progress`, /status must be one of/],
        [`${orders}?status=`, /status must be one of/],
        [`${orders}?status=FULFILLED&status=IN_PROGRESS`, /status must be one of/],
        [`${orders}?paymentStatus=REFUNDED`, /paymentStatus must be one of/],
        [`${orders}?modifiedSince=yesterday`, /modifiedSince must be an ISO 8601 date-time/],
        [`${orders}?createdFrom=2026-02-01`, /createdFrom must be an ISO 8601 date-time/],
        [`${orders}?createdFrom=2026-02-01T10:00:00`, /createdFrom must be an ISO 8601 date-time/],
        [`${orders}?createdTo=2026-02-30T10:00:00Z`, /createdTo must be an ISO 8601 date-time/],
        [`${orders}?createdTo=2026-02-01T24:00:00Z`, /createdTo must be an ISO 8601 date-time/],
        [`${orders}?createdTo=0000-01-01T00:00:00Z`, /createdTo must be an ISO 8601 date-time/],
        [`${orders}?orderStatus=FULFILLED`, /property orderStatus should not exist/],
        [`${transactions}?transactionType=sale`, /transactionType must be one of/],
        [`${transactions}?transactionType=PURCHASE`, /transactionType must be one of/],
        [`${transactions}?transactionStatus=PAID`, /transactionStatus must be one of/],
        [`${transactions}?orderId=${'1'.repeat(101)}`, /orderId must be 1–100 characters/],
        [`${transactions}?orderId=12'%20OR%201=1`, /orderId must be 1–100 characters/],
        [`${transactions}?dateFrom=2026-02-01T10:00:00.1234567Z`, /dateFrom must be an ISO 8601 date-time/],
      ] as const) {
        const refused = await t.http.get(target).set(alice.auth).expect(400);
        expect([target, refused.body.message]).toEqual([target, expect.stringMatching(message)]);
      }

      for (const [target, from, to] of [
        [`${orders}?createdFrom=2026-02-05T00:00:00.000001Z&createdTo=2026-02-05T00:00:00Z`, 'createdFrom', 'createdTo'],
        [`${orders}?createdFrom=2026-02-05T10:00:00Z&createdTo=2026-02-05T11:00:00%2B02:00`, 'createdFrom', 'createdTo'],
        [`${transactions}?dateFrom=2026-03-01T00:00:00Z&dateTo=2026-02-01T00:00:00Z`, 'dateFrom', 'dateTo'],
      ] as const) {
        const refused = await t.http.get(target).set(alice.auth).expect(400);
        expect(refused.body).toMatchObject({ statusCode: 400, code: 'invalid_date_range', message: `${from} is after ${to}: the range is empty` });
      }
      // One instant is a range of one.
      await t.http.get(`${orders}?createdFrom=2026-02-04T10:00:00Z&createdTo=2026-02-04T12:00:00%2B02:00`).set(alice.auth).expect(200);
    });

    it('refuses cursors it did not hand out, a cursor with an offset, and ids no eBay record has', async () => {
      const cursor = encodeCursor({ createdAt: '2026-02-04T10:00:00.000000Z', id: '6f1c2f0e-2b7d-4f0e-9a51-0d4f1f6b1c2a' });
      for (const base of [`/api/ebay-accounts/${shop}/orders`, `/api/ebay-accounts/${shop}/transactions`]) {
        for (const bad of ['not-a-cursor', `${cursor}x`, Buffer.from('2026-02-30T10:00:00.000000Z|6f1c2f0e-2b7d-4f0e-9a51-0d4f1f6b1c2a').toString('base64url')]) {
          const refused = await t.http.get(`${base}?after=${bad}`).set(alice.auth).expect(400);
          expect(refused.body).toMatchObject({ code: 'invalid_cursor' });
        }
        const both = await t.http.get(`${base}?after=${cursor}&offset=2`).set(alice.auth).expect(400);
        expect(both.body).toMatchObject({ code: 'cursor_with_offset' });
        // A cursor of any position is a place to start, even one no row sits at.
        await t.http.get(`${base}?after=${cursor}`).set(alice.auth).expect(200);
        await t.http.get(`${base}?limit=0`).set(alice.auth).expect(400);
        await t.http.get(`${base}?limit=201`).set(alice.auth).expect(400);
      }
      for (const [route, code] of [
        ['orders', 'invalid_order_id'],
        ['transactions', 'invalid_transaction_id'],
      ] as const) {
        for (const bad of ['a'.repeat(101), "1'%20OR%20'1'='1", '%00', '-12-34567', 'a%2Fb', '%C3%A4']) {
          const refused = await t.http.get(`/api/ebay-accounts/${shop}/${route}/${bad}`).set(alice.auth).expect(400);
          expect([bad, refused.body]).toMatchObject([bad, { statusCode: 400, code }]);
        }
        await t.http.get(`/api/ebay-accounts/not-a-uuid/${route}/12-34567-89012`).set(alice.auth).expect(400);
      }
      // The longest id eBay could have is looked up, not refused.
      await t.http.get(`/api/ebay-accounts/${shop}/orders/${'1'.repeat(100)}`).set(alice.auth).expect(404);
    });
  });

  it('answers, with rows to show, what its OpenAPI document says: nulls, raw records and errors included', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as OpenAPIV3.Document;
    const operations = new Map((await contractOperations(document)).map((operation) => [operation.key, operation]));
    const checker = new ResponseChecker();
    const base = `/api/ebay-accounts/${shop}`;
    const someCursor = encodeCursor({ createdAt: '2026-02-06T00:00:00.000000Z', id: '6f1c2f0e-2b7d-4f0e-9a51-0d4f1f6b1c2a' });
    const requests: Record<string, readonly string[]> = {
      'GET /api/ebay-accounts/{id}/orders': [
        `${base}/orders`,
        `${base}/orders?limit=1&after=${someCursor}`,
        `${base}/orders?status=NOPE`,
        `${base}/orders?createdFrom=2026-02-02T00:00:00Z&createdTo=2026-02-01T00:00:00Z`,
      ],
      'GET /api/ebay-accounts/{id}/orders/{orderId}': [
        `${base}/orders/01-00000-00008`,
        `${base}/orders/01-00000-00010`,
        `${base}/orders/99-99999-99999`,
        `${base}/orders/%00`,
      ],
      'GET /api/ebay-accounts/{id}/transactions': [
        `${base}/transactions`,
        `${base}/transactions?transactionType=TRANSFER`,
        `${base}/transactions?dateTo=someday`,
      ],
      'GET /api/ebay-accounts/{id}/transactions/{transactionId}': [
        `${base}/transactions/500000000006`,
        `${base}/transactions/FEE-2026-02`,
        `${base}/transactions/599999999999`,
      ],
    };
    const problems: string[] = [];
    let checked = 0;
    for (const [key, targets] of Object.entries(requests)) {
      const operation = operations.get(key);
      expect([key, operation !== undefined]).toEqual([key, true]);
      for (const target of targets) {
        const response = await t.http.get(target).set(alice.auth);
        const received = {
          status: response.status,
          contentType: response.headers['content-type'] ?? null,
          isUpstream: response.headers['x-ebay-connect-upstream'] === 'ebay',
          text: response.text,
        };
        for (const problem of checker.check(operation!, received)) problems.push(`${target}: ${problem}`);
        checked++;
      }
    }
    expect(checked).toBe(14);
    expect(problems).toEqual([]);
  });

  describe('at 20,000 orders and transactions', () => {
    let bigShop: string;

    beforeAll(async () => {
      bigShop = (await connectAccount(t, admin, { ebayUser: 'seller_quiet' })).id;
      await withDatabase(t.database.url, async (client) => {
        await client.query(
          `INSERT INTO ebay_orders (ebay_account_id, order_id, creation_date, last_modified_date, fulfillment_status,
                                    payment_status, total_value, total_currency, buyer_username, raw)
           SELECT $1, 'B' || g, ts, ts, (ARRAY['NOT_STARTED', 'IN_PROGRESS', 'FULFILLED'])[1 + g % 3],
                  (ARRAY['PAID', 'PENDING', 'FAILED', 'FULLY_REFUNDED', 'PARTIALLY_REFUNDED'])[1 + g % 5],
                  ((g % 1000) || '.99')::numeric, 'USD', 'buyer' || (g % 97),
                  jsonb_build_object('orderId', 'B' || g, 'lineItems', jsonb_build_array(jsonb_build_object('title', repeat('x', 200))))
             FROM generate_series(1, 20000) AS g, LATERAL (SELECT timestamptz '2025-01-01' + g * interval '17 minutes') AS t(ts)`,
          [bigShop],
        );
        await client.query(
          `INSERT INTO ebay_transactions (ebay_account_id, transaction_id, transaction_type, transaction_status,
                                          transaction_date, amount_value, amount_currency, booking_entry, order_id, raw)
           SELECT $1, 'T' || g, (ARRAY['SALE', 'REFUND', 'NON_SALE_CHARGE', 'SHIPPING_LABEL'])[1 + g % 4], 'COMPLETED',
                  timestamptz '2025-01-01' + g * interval '17 minutes', '1.00', 'USD', 'CREDIT', 'B' || (g / 2),
                  jsonb_build_object('transactionId', 'T' || g)
             FROM generate_series(1, 20000) AS g`,
          [bigShop],
        );
        // As autovacuum would after this many inserts: an offset page's count reads the index alone
        // only where the visibility map says pages are all visible, and counting a third of a
        // table that holds one account is cheaper by a scan until then.
        await client.query('VACUUM ANALYZE ebay_orders');
        await client.query('VACUUM ANALYZE ebay_transactions');
      });
    }, 60_000);

    async function planOf(statement: { sql: string; params: readonly unknown[] }): Promise<PlanNode> {
      return withDatabase(t.database.url, async (client) => {
        const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${statement.sql}`, [...statement.params]);
        return (rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0].Plan;
      });
    }
    const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];
    const first: PageRequest = { kind: 'offset', limit: 50, offset: 0 };
    const after: PageRequest = { kind: 'after', limit: 50, after: { createdAt: '2025-06-01T00:00:00.000000Z', id: '6f1c2f0e-2b7d-4f0e-9a51-0d4f1f6b1c2a' } };

    it('reads a filtered page off the filter’s index, never scanning or sorting the table, its count included', async () => {
      for (const [name, statement, index] of [
        ['orders by status', ordersPageStatement(bigShop, { fulfillmentStatus: 'IN_PROGRESS' }, first), 'ix_ebay_orders_account_fulfillment'],
        ['orders by status, after a cursor', ordersPageStatement(bigShop, { fulfillmentStatus: 'IN_PROGRESS' }, after), 'ix_ebay_orders_account_fulfillment'],
        ['orders by payment status', ordersPageStatement(bigShop, { paymentStatus: 'PENDING' }, first), 'ix_ebay_orders_account_payment'],
        ['every order, after a cursor', ordersPageStatement(bigShop, {}, after), 'ix_ebay_orders_account_created'],
        ['transactions by type', transactionsPageStatement(bigShop, { transactionType: 'REFUND' }, first), 'ix_ebay_transactions_account_type'],
        ['transactions of an order', transactionsPageStatement(bigShop, { orderId: 'B77' }, first), 'ix_ebay_transactions_account_order'],
      ] as const) {
        const nodes = nodesOf(await planOf(statement));
        const shape = nodes.map((node) => `${node['Node Type']} ${node['Index Name'] ?? node['Relation Name'] ?? ''}`.trim());
        expect([name, shape.filter((line) => line.startsWith('Seq Scan'))]).toEqual([name, []]);
        expect([name, shape]).toEqual([name, expect.arrayContaining([`Index Scan ${index}`])]);
        // An order has a handful of transactions: sorting those is no cost.
        if (index !== 'ix_ebay_transactions_account_order') expect([name, shape.filter((line) => line === 'Sort')]).toEqual([name, []]);
      }
    });

    it('answers the pages over HTTP with the filter’s total', async () => {
      const listed = await page(admin, `/api/ebay-accounts/${bigShop}/orders?status=IN_PROGRESS&limit=200`);
      expect(listed).toMatchObject({ total: 6667, limit: 200, nextCursor: expect.any(String) });
      const next = await page(admin, `/api/ebay-accounts/${bigShop}/orders?status=IN_PROGRESS&limit=200&after=${listed.nextCursor}`);
      expect(next.items).toHaveLength(200);
      expect(new Set([...ids([listed], 'orderId'), ...ids([next], 'orderId')]).size).toBe(400);
    });
  });
});
