import type { EbayIds } from './ebay-ids';
import type {
  EbayAmount,
  EbayOrder,
  EbayTransaction,
  OrderFulfillmentStatus,
  OrderPaymentStatus,
  TransactionStatus,
} from './ebay-wire.types';

/**
 * Builds orders and their transactions the way eBay shapes them, from a few decisions (who
 * bought what, when, for how much). Money is kept in integer cents until it becomes eBay's
 * string amount, so totals always add up.
 */

const CURRENCIES: Readonly<Record<string, string>> = {
  EBAY_US: 'USD',
  EBAY_MOTORS_US: 'USD',
  EBAY_GB: 'GBP',
  EBAY_DE: 'EUR',
  EBAY_FR: 'EUR',
  EBAY_IT: 'EUR',
  EBAY_ES: 'EUR',
  EBAY_AT: 'EUR',
  EBAY_AU: 'AUD',
  EBAY_CA: 'CAD',
};

export function currencyOf(marketplaceId: string): string {
  return CURRENCIES[marketplaceId] ?? 'USD';
}

export function amount(cents: number, currency: string): EbayAmount {
  return { value: (cents / 100).toFixed(2), currency };
}

/** eBay's final value fee, roughly: 13.25 % of the total plus 0.30 per order. */
export function finalValueFeeCents(totalCents: number): number {
  return Math.round(totalCents * 0.1325) + 30;
}

export interface LineItemPlan {
  title: string;
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderPlan {
  orderId: string;
  creationMs: number;
  lastModifiedMs: number;
  buyerUsername: string;
  currency: string;
  items: readonly LineItemPlan[];
  deliveryCents: number;
  fulfillmentStatus: OrderFulfillmentStatus;
  paymentStatus: OrderPaymentStatus;
  salesRecordReference: string;
}

export function buildOrder(plan: OrderPlan, ids: EbayIds): EbayOrder {
  const lineItems = plan.items.map((item) => {
    const lineCents = item.unitPriceCents * item.quantity;
    return {
      lineItemId: ids.lineItemId(),
      legacyItemId: ids.legacyItemId(),
      sku: item.sku,
      title: item.title,
      quantity: item.quantity,
      lineItemCost: amount(lineCents, plan.currency),
      total: amount(lineCents, plan.currency),
      lineItemFulfillmentStatus: plan.fulfillmentStatus,
    };
  });
  const subtotalCents = plan.items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
  return {
    orderId: plan.orderId,
    creationDate: new Date(plan.creationMs).toISOString(),
    lastModifiedDate: new Date(plan.lastModifiedMs).toISOString(),
    orderFulfillmentStatus: plan.fulfillmentStatus,
    orderPaymentStatus: plan.paymentStatus,
    buyer: { username: plan.buyerUsername },
    pricingSummary: {
      priceSubtotal: amount(subtotalCents, plan.currency),
      deliveryCost: amount(plan.deliveryCents, plan.currency),
      total: amount(subtotalCents + plan.deliveryCents, plan.currency),
    },
    salesRecordReference: plan.salesRecordReference,
    lineItems,
  };
}

/** The seller's proceeds of an order: its total less eBay's fee, credited. */
export function saleTransaction(
  order: EbayOrder,
  transactionDateMs: number,
  status: TransactionStatus,
  ids: EbayIds,
): EbayTransaction {
  const totalCents = toCents(order.pricingSummary.total.value);
  const feeCents = finalValueFeeCents(totalCents);
  const { currency } = order.pricingSummary.total;
  return {
    transactionId: ids.transactionId(),
    transactionType: 'SALE',
    transactionStatus: status,
    transactionDate: new Date(transactionDateMs).toISOString(),
    amount: amount(totalCents - feeCents, currency),
    bookingEntry: 'CREDIT',
    orderId: order.orderId,
    buyer: { username: order.buyer.username },
    totalFeeAmount: amount(feeCents, currency),
  };
}

/** The full refund of an order, debited from the seller. */
export function refundTransaction(order: EbayOrder, transactionDateMs: number, ids: EbayIds): EbayTransaction {
  return {
    transactionId: ids.transactionId(),
    transactionType: 'REFUND',
    transactionStatus: 'COMPLETED',
    transactionDate: new Date(transactionDateMs).toISOString(),
    amount: { ...order.pricingSummary.total },
    bookingEntry: 'DEBIT',
    orderId: order.orderId,
    buyer: { username: order.buyer.username },
  };
}

/** A charge that belongs to no order, such as the monthly store subscription. */
export function storeFeeTransaction(
  transactionDateMs: number,
  feeCents: number,
  currency: string,
  ids: EbayIds,
): EbayTransaction {
  return {
    transactionId: ids.transactionId(),
    transactionType: 'NON_SALE_CHARGE',
    transactionStatus: 'COMPLETED',
    transactionDate: new Date(transactionDateMs).toISOString(),
    amount: amount(feeCents, currency),
    bookingEntry: 'DEBIT',
  };
}

/** "12.99" → 1299. Amounts are produced by `amount`, so two decimals are guaranteed. */
export function toCents(value: string): number {
  return Math.round(Number(value) * 100);
}
