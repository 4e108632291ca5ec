import { EbayIds } from './ebay-ids';
import { toCents } from './record-factory';
import { DEFAULT_TEST_USERS, generateSellerHistory, HISTORY_DAYS } from './seed-data';

const NOW_MS = Date.UTC(2026, 10, 15, 12);
const seller = { username: 'seller_spec', accountType: 'BUSINESS' as const, registrationMarketplaceId: 'EBAY_GB', orderCount: 150 };

describe('generateSellerHistory', () => {
  it('gives the same history for the same seller and the same now', () => {
    const first = generateSellerHistory(seller, NOW_MS, new EbayIds());
    const second = generateSellerHistory(seller, NOW_MS, new EbayIds());

    expect(second).toEqual(first);
    expect(generateSellerHistory({ ...seller, username: 'other' }, NOW_MS, new EbayIds())).not.toEqual(first);
  });

  it('spreads orders over the last 120 days, newest first, never modified before created or after now', () => {
    const { orders } = generateSellerHistory(seller, NOW_MS, new EbayIds());
    const created = orders.map((order) => Date.parse(order.creationDate));

    expect(orders).toHaveLength(150);
    expect(Math.min(...created)).toBeGreaterThan(NOW_MS - HISTORY_DAYS * 86_400_000);
    expect(Math.min(...created)).toBeLessThan(NOW_MS - 100 * 86_400_000);
    expect(Math.max(...created)).toBeLessThanOrEqual(NOW_MS);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    for (const order of orders) {
      expect(Date.parse(order.lastModifiedDate)).toBeGreaterThanOrEqual(Date.parse(order.creationDate));
      expect(Date.parse(order.lastModifiedDate)).toBeLessThanOrEqual(NOW_MS);
    }
  });

  it("writes eBay's formats: order ids 12-34567-89012, amounts as strings that add up, the marketplace's currency", () => {
    const { orders } = generateSellerHistory(seller, NOW_MS, new EbayIds());

    for (const order of orders) {
      const { priceSubtotal, deliveryCost, total } = order.pricingSummary;
      expect(order.orderId).toMatch(/^\d{2}-\d{5}-\d{5}$/);
      expect(total.value).toMatch(/^\d+\.\d{2}$/);
      expect(total.currency).toBe('GBP');
      expect(toCents(priceSubtotal.value) + toCents(deliveryCost.value)).toBe(toCents(total.value));
      expect(order.lineItems.reduce((sum, item) => sum + toCents(item.total.value), 0)).toBe(toCents(priceSubtotal.value));
    }
    expect(new Set(orders.map((order) => order.orderId)).size).toBe(orders.length);
  });

  it('gives every order its SALE, every refunded order its REFUND, and a business seller monthly store fees', () => {
    const { orders, transactions } = generateSellerHistory(seller, NOW_MS, new EbayIds());
    const sales = transactions.filter((transaction) => transaction.transactionType === 'SALE');
    const refunds = transactions.filter((transaction) => transaction.transactionType === 'REFUND');
    const fees = transactions.filter((transaction) => transaction.transactionType === 'NON_SALE_CHARGE');

    expect(sales.map((sale) => sale.orderId).sort()).toEqual(orders.map((order) => order.orderId).sort());
    expect(refunds.map((refund) => refund.orderId).sort()).toEqual(
      orders.filter((order) => order.orderPaymentStatus === 'FULLY_REFUNDED').map((order) => order.orderId).sort(),
    );
    expect(fees.length).toBeGreaterThanOrEqual(3);
    expect(fees.every((fee) => fee.orderId === undefined && fee.bookingEntry === 'DEBIT')).toBe(true);
    const dates = transactions.map((transaction) => transaction.transactionDate);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('starts the default sellers with enough orders to page and one with none', () => {
    expect(DEFAULT_TEST_USERS.map((user) => [user.username, user.orderCount])).toEqual([
      ['seller_one', 320],
      ['seller_two', 45],
      ['seller_three', 90],
      ['seller_quiet', 0],
    ]);
  });
});
