import { type CreatedSigningKey, EBAY_SCOPES, type EbayTransaction } from '../../src/emulator';
import {
  connectSeller,
  createSigningKey,
  ebayError,
  signedGet,
  startTestEmulator,
  type TestEmulator,
} from './emulator-test-kit';

interface TransactionsPage {
  href: string;
  total: number;
  limit: number;
  offset: number;
  next?: string;
  prev?: string;
  transactions: EbayTransaction[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

describe('emulator: Finances getTransactions (GET /sell/finances/v1/transaction)', () => {
  let t: TestEmulator;
  let token: string;
  let all: EbayTransaction[];
  let signingKey: CreatedSigningKey;

  // seller_three is an EBAY_DE seller: eBay wants their Finances calls signed.
  const getTransactions = (query: string, accessToken = token): Promise<Response> =>
    signedGet(`${t.apizBaseUrl}/sell/finances/v1/transaction${query}`, accessToken, signingKey);
  const transactionsPage = async (query: string): Promise<TransactionsPage> => {
    const response = await getTransactions(query);
    expect(response.status).toBe(200);
    return (await response.json()) as TransactionsPage;
  };

  beforeAll(async () => {
    t = await startTestEmulator();
    signingKey = await createSigningKey(t);
    token = (await connectSeller(t.baseUrl, 'seller_three')).access_token;
    all = await t.control.transactions('seller_three');
  });
  afterAll(async () => {
    await t.emulator.close();
  });

  it('lists every transaction newest first, 20 a page by default', async () => {
    const page = await transactionsPage('');

    expect(page).toMatchObject({ total: all.length, limit: 20, offset: 0 });
    expect(page.transactions.map((transaction) => transaction.transactionId)).toEqual(
      all.slice(0, 20).map((transaction) => transaction.transactionId),
    );
    expect(page.next).toBe(`${t.apizBaseUrl}/sell/finances/v1/transaction?limit=20&offset=20`);
    expect(page.transactions[0]).toMatchObject({
      transactionId: expect.any(String),
      transactionType: expect.any(String),
      transactionDate: expect.any(String),
      amount: { value: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'EUR' },
    });
  });

  it('includes SALE transactions that point at their order, and store fees that point at none', async () => {
    const orders = new Set((await t.control.orders('seller_three')).map((order) => order.orderId));
    const sales = all.filter((transaction) => transaction.transactionType === 'SALE');

    expect(sales).toHaveLength(orders.size);
    expect(sales.every((sale) => orders.has(sale.orderId ?? ''))).toBe(true);
    expect(all.some((transaction) => transaction.transactionType === 'NON_SALE_CHARGE' && transaction.orderId === undefined)).toBe(true);
  });

  it('filters on an inclusive transactionDate range and on transactionType', async () => {
    const from = all[30]?.transactionDate ?? '';
    const to = all[10]?.transactionDate ?? '';
    const filter = `transactionDate:[${from}..${to}]`;

    const ranged = await transactionsPage(`?filter=${encodeURIComponent(filter)}&limit=1000`);
    const sales = await transactionsPage(`?filter=${encodeURIComponent('transactionType:{SALE}')}&limit=1000`);

    expect(ranged.total).toBe(all.filter((item) => item.transactionDate >= from && item.transactionDate <= to).length);
    expect(ranged.transactions[0]?.transactionDate).toBe(to);
    expect(new URL(ranged.href).searchParams.get('filter')).toBe(filter);
    expect(sales.transactions.every((item) => item.transactionType === 'SALE')).toBe(true);
  });

  it('sorts oldest first with sort=transactionDate', async () => {
    const page = await transactionsPage('?sort=transactionDate&limit=5');

    expect(page.transactions.map((item) => item.transactionId)).toEqual(
      [...all].reverse().slice(0, 5).map((item) => item.transactionId),
    );
    expect(new URL(page.next ?? '').searchParams.get('sort')).toBe('transactionDate');
  });

  it('serves up to 1000 a page', async () => {
    expect((await transactionsPage('?limit=1000')).transactions).toHaveLength(all.length);
  });

  it.each([
    ['an unknown filter name', `?filter=${encodeURIComponent('creationdate:[2026-01-01T00:00:00.000Z..]')}`, 135001],
    ['a bad date', `?filter=${encodeURIComponent('transactionDate:[yesterday..]')}`, 135002],
    ['a start after the end', `?filter=${encodeURIComponent('transactionDate:[2026-02-01T00:00:00.000Z..2026-01-01T00:00:00.000Z]')}`, 135002],
    ['an unknown sort', '?sort=amount', 135003],
    ['limit=1001', '?limit=1001', 135005],
    ['offset=-5', '?offset=-5', 135006],
  ])('answers 400 to %s with errorId %i', async (_case, query, errorId) => {
    const response = await getTransactions(query);

    expect(response.status).toBe(400);
    expect(await ebayError(response)).toMatchObject({ errorId, domain: 'API_FINANCES' });
  });

  it("answers 204 with no body when nothing matches, as eBay's Finances API does", async () => {
    const quiet = (await connectSeller(t.baseUrl, 'seller_quiet')).access_token;

    const response = await getTransactions('', quiet);

    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('needs sell.finances: sell.fulfillment alone meets 1100', async () => {
    const { access_token } = await connectSeller(t.baseUrl, 'seller_three', [EBAY_SCOPES.fulfillment]);

    expect((await ebayError(await getTransactions('', access_token))).errorId).toBe(1100);
  });

  it('shows transactions added and changed through the control API', async () => {
    const [order] = await t.control.orders('seller_three');
    const added = await t.control.addTransaction('seller_three', { transactionType: 'REFUND', orderId: order?.orderId });
    await t.control.updateTransaction('seller_three', added.transactionId, { transactionStatus: 'COMPLETED' });
    const since = new Date(Date.now() - DAY_MS).toISOString();

    const page = await transactionsPage(`?filter=${encodeURIComponent(`transactionType:{REFUND},transactionDate:[${since}..]`)}`);

    expect(page.transactions).toContainEqual(
      expect.objectContaining({
        transactionId: added.transactionId,
        transactionStatus: 'COMPLETED',
        bookingEntry: 'DEBIT',
        amount: order?.pricingSummary.total,
        orderId: order?.orderId,
      }),
    );
  });
});
