import type { CreatedSigningKey, EbayOrder } from '../../src/emulator';
import {
  connectSeller,
  createSigningKey,
  ebayError,
  signatureHeaders,
  startTestEmulator,
  type TestEmulator,
} from './emulator-test-kit';

/** Fulfillment issueRefund: a POST with a body that eBay wants signed for EU and UK sellers. */
describe('emulator: Fulfillment issueRefund', () => {
  let t: TestEmulator;
  let usSeller: string;
  let ukSeller: string;
  let key: CreatedSigningKey;

  const refundUrl = (orderId: string): string => `${t.baseUrl}/sell/fulfillment/v1/order/${orderId}/issue_refund`;
  const refundBody = (order: EbayOrder, value = order.pricingSummary.total.value): string =>
    JSON.stringify({
      reasonForRefund: 'BUYER_CANCEL',
      orderLevelRefundAmount: { value, currency: order.pricingSummary.total.currency },
    });
  const post = (url: string, token: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body,
    });
  const newOrder = (username: string): Promise<EbayOrder> => t.control.addOrder(username, { total: '20.00' });

  beforeAll(async () => {
    t = await startTestEmulator();
    usSeller = (await connectSeller(t.baseUrl, 'seller_one')).access_token;
    ukSeller = (await connectSeller(t.baseUrl, 'seller_two')).access_token;
    key = await createSigningKey(t);
  });
  afterAll(async () => {
    await t.emulator.close();
  });

  it("refunds a US seller's order unsigned: a REFUND transaction is booked and the order marked refunded", async () => {
    const order = await newOrder('seller_one');

    const response = await post(refundUrl(order.orderId), usSeller, refundBody(order));

    expect(response.status).toBe(200);
    const { refundId, refundStatus } = (await response.json()) as { refundId: string; refundStatus: string };
    expect(refundStatus).toBe('PENDING');
    const refund = (await t.control.transactions('seller_one')).find((entry) => entry.transactionId === refundId);
    expect(refund).toMatchObject({ transactionType: 'REFUND', bookingEntry: 'DEBIT', orderId: order.orderId });
    expect(refund?.amount).toEqual({ value: '20.00', currency: 'USD' });
    const updated = (await t.control.orders('seller_one')).find((entry) => entry.orderId === order.orderId);
    expect(updated?.orderPaymentStatus).toBe('FULLY_REFUNDED');
  });

  it('marks a partial refund as such', async () => {
    const order = await newOrder('seller_one');

    expect((await post(refundUrl(order.orderId), usSeller, refundBody(order, '5.00'))).status).toBe(200);

    const updated = (await t.control.orders('seller_one')).find((entry) => entry.orderId === order.orderId);
    expect(updated?.orderPaymentStatus).toBe('PARTIALLY_REFUNDED');
  });

  it("accepts a UK seller's signed refund, its body covered by Content-Digest", async () => {
    const order = await newOrder('seller_two');
    const body = refundBody(order);
    const url = refundUrl(order.orderId);

    const response = await post(url, ukSeller, body, signatureHeaders(key, { method: 'POST', url, body }));

    expect(response.status).toBe(200);
  });

  it("refuses a UK seller's refund unsigned, or with its body altered after signing", async () => {
    const order = await newOrder('seller_two');
    const url = refundUrl(order.orderId);
    const signed = signatureHeaders(key, { method: 'POST', url, body: refundBody(order, '1.00') });

    const unsigned = await post(url, ukSeller, refundBody(order));
    const altered = await post(url, ukSeller, refundBody(order, '20.00'), signed);

    for (const response of [unsigned, altered]) {
      expect(response.status).toBe(400);
      expect((await ebayError(response)).errorId).toBe(215120);
    }
    const transactions = await t.control.transactions('seller_two');
    expect(transactions.filter((entry) => entry.orderId === order.orderId && entry.transactionType === 'REFUND')).toEqual([]);
  });

  it('answers 404 for an order the seller does not have, and 400 for a refund it cannot make', async () => {
    const order = await newOrder('seller_one');
    const missing = await post(refundUrl('99-99999-99999'), usSeller, refundBody(order));
    expect(missing.status).toBe(404);
    expect((await ebayError(missing)).errorId).toBe(32100);

    for (const body of [
      '{"reasonForRefund":',
      JSON.stringify({ reasonForRefund: 'BECAUSE', orderLevelRefundAmount: { value: '1.00', currency: 'USD' } }),
      JSON.stringify({ reasonForRefund: 'OTHER', orderLevelRefundAmount: { value: '1.00', currency: 'EUR' } }),
      refundBody(order, '20.01'),
      refundBody(order, '0.00'),
    ]) {
      const response = await post(refundUrl(order.orderId), usSeller, body);
      expect(response.status).toBe(400);
      expect((await ebayError(response)).domain).toBe('API_FULFILLMENT');
    }
  });

  it('answers a fault on POST, for callers that must not retry one', async () => {
    const order = await newOrder('seller_one');
    await t.control.clearStats();
    await t.control.addFault({ endpoint: 'issueRefund', mode: 'status', status: 502 });

    const response = await post(refundUrl(order.orderId), usSeller, refundBody(order));

    expect(response.status).toBe(502);
    expect((await t.control.stats()).calls.issueRefund).toBe(1);
    const refunds = (await t.control.transactions('seller_one')).filter((entry) => entry.orderId === order.orderId);
    expect(refunds.filter((entry) => entry.transactionType === 'REFUND')).toEqual([]);
  });

  it('needs sell.fulfillment: the read-only scope is refused with 403/1100', async () => {
    const order = await newOrder('seller_one');
    const { access_token } = await connectSeller(t.baseUrl, 'seller_one', [
      'https://api.ebay.com/oauth/api_scope/sell.fulfillment.readonly',
    ]);

    const response = await post(refundUrl(order.orderId), access_token, refundBody(order));

    expect(response.status).toBe(403);
    expect((await ebayError(response)).errorId).toBe(1100);
  });
});
