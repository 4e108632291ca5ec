import { Router } from 'express';
import { authorizeSeller } from './bearer-auth';
import { EBAY_APIS } from './ebay-apis';
import { ebayEndpoint, type EndpointContext } from './ebay-endpoint';
import { refundErrors } from './ebay-errors';
import { SCOPES } from './ebay-scopes';
import type { EbayOrder } from './ebay-wire.types';
import { readRestBody } from './http-request';
import { toCents } from './record-factory';
import { restErrorHandler } from './rest-error-handler';
import { requireSignature } from './signature-verifier';

/** Fulfillment issueRefund, on the api host: `/sell/fulfillment/v1/order/{orderId}/issue_refund`. */
export const ISSUE_REFUND_PATH = '/sell/fulfillment/v1/order/:orderId/issue_refund';

const BODY_LIMIT_BYTES = 64 * 1024;
const MONEY = /^\d{1,9}(\.\d{1,2})?$/;

/** eBay's reasonForRefund values. */
const REFUND_REASONS: readonly string[] = [
  'BUYER_CANCEL',
  'BUYER_RETURN',
  'ITEM_NOT_RECEIVED',
  'SELLER_WRONG_ITEM',
  'SELLER_OUT_OF_STOCK',
  'SELLER_FOUND_CHEAPER_PRICE',
  'OTHER',
];

interface RefundRequest {
  readonly cents: number;
  readonly currency: string;
}

/**
 * issueRefund with an order-level amount: a seller's call (`sell.fulfillment`), signed for EU
 * and UK sellers, that books a REFUND transaction and marks the order refunded. Answers 200
 * `{refundId, refundStatus: "PENDING"}`; the refund id is the REFUND transaction's id.
 */
export function refundRoutes(context: EndpointContext): Router {
  const { state } = context;
  const router = Router();
  router.post(ISSUE_REFUND_PATH, ebayEndpoint('issueRefund', context), async (req, res) => {
    const seller = authorizeSeller(req, [SCOPES.fulfillment], state, EBAY_APIS.fulfillment);
    const body = await readRestBody(req, BODY_LIMIT_BYTES);
    requireSignature(req, seller, body, state);
    const orderId = typeof req.params.orderId === 'string' ? req.params.orderId : '';
    const order = state.records.orders(seller.userId).find((candidate) => candidate.orderId === orderId);
    if (order === undefined) throw refundErrors.orderNotFound(orderId);
    const refund = parseRefund(body, order);
    const nowMs = state.clock.nowMs();
    const transaction = state.records.addTransaction(
      seller.userId,
      { transactionType: 'REFUND', amount: (refund.cents / 100).toFixed(2), orderId },
      nowMs,
    );
    const isFull = refund.cents === toCents(order.pricingSummary.total.value);
    state.records.updateOrder(
      seller.userId,
      orderId,
      { orderPaymentStatus: isFull ? 'FULLY_REFUNDED' : 'PARTIALLY_REFUNDED' },
      nowMs,
    );
    res.json({ refundId: transaction.transactionId, refundStatus: 'PENDING' });
  });
  router.use(ISSUE_REFUND_PATH, restErrorHandler);
  return router;
}

/** `{reasonForRefund, orderLevelRefundAmount: {value, currency}}`, up to the order's total. */
function parseRefund(body: Buffer, order: EbayOrder): RefundRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw refundErrors.invalidRefund('The request body is not JSON.');
  }
  const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  if (typeof fields.reasonForRefund !== 'string' || !REFUND_REASONS.includes(fields.reasonForRefund)) {
    throw refundErrors.invalidRefund(`reasonForRefund must be one of ${REFUND_REASONS.join(', ')}.`);
  }
  const amount = fields.orderLevelRefundAmount;
  const value = typeof amount === 'object' && amount !== null ? (amount as Record<string, unknown>).value : undefined;
  const currency = typeof amount === 'object' && amount !== null ? (amount as Record<string, unknown>).currency : undefined;
  if (typeof value !== 'string' || !MONEY.test(value)) {
    throw refundErrors.invalidRefund('orderLevelRefundAmount.value must be an amount such as "10.00".');
  }
  if (currency !== order.pricingSummary.total.currency) {
    throw refundErrors.invalidRefund(`orderLevelRefundAmount.currency must be the order's, ${order.pricingSummary.total.currency}.`);
  }
  const cents = toCents(value);
  if (cents <= 0 || cents > toCents(order.pricingSummary.total.value)) {
    throw refundErrors.invalidRefund("The refund must be more than zero and at most the order's total.");
  }
  return { cents, currency };
}
