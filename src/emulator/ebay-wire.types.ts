/**
 * The shapes eBay puts on the wire for the resources the emulator serves, as
 * docs/ebay.md and eBay's own OpenAPI documents describe them. Amounts are strings.
 */

export type EbayAccountType = 'INDIVIDUAL' | 'BUSINESS';
export type EbayUserStatus = 'CONFIRMED' | 'UNCONFIRMED' | 'ACCOUNTONHOLD' | 'UNDETERMINED';

export const ACCOUNT_TYPES: readonly EbayAccountType[] = ['INDIVIDUAL', 'BUSINESS'];
export const USER_STATUSES: readonly EbayUserStatus[] = ['CONFIRMED', 'UNCONFIRMED', 'ACCOUNTONHOLD', 'UNDETERMINED'];

/** Identity getUser. */
export interface EbayUser {
  userId: string;
  username: string;
  accountType: EbayAccountType;
  registrationMarketplaceId: string;
  status: EbayUserStatus;
}

export interface EbayAmount {
  value: string;
  currency: string;
}

export type OrderFulfillmentStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'FULFILLED';
export type OrderPaymentStatus = 'PAID' | 'PENDING' | 'FAILED' | 'FULLY_REFUNDED' | 'PARTIALLY_REFUNDED';

export const ORDER_FULFILLMENT_STATUSES: readonly OrderFulfillmentStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'FULFILLED'];
export const ORDER_PAYMENT_STATUSES: readonly OrderPaymentStatus[] = [
  'PAID',
  'PENDING',
  'FAILED',
  'FULLY_REFUNDED',
  'PARTIALLY_REFUNDED',
];

export interface EbayLineItem {
  lineItemId: string;
  legacyItemId: string;
  sku: string;
  title: string;
  quantity: number;
  lineItemCost: EbayAmount;
  total: EbayAmount;
  lineItemFulfillmentStatus: OrderFulfillmentStatus;
}

/** Fulfillment getOrders: one element of `orders`. */
export interface EbayOrder {
  orderId: string;
  creationDate: string;
  lastModifiedDate: string;
  orderFulfillmentStatus: OrderFulfillmentStatus;
  orderPaymentStatus: OrderPaymentStatus;
  buyer: { username: string };
  pricingSummary: { priceSubtotal: EbayAmount; deliveryCost: EbayAmount; total: EbayAmount };
  salesRecordReference: string;
  lineItems: EbayLineItem[];
}

export type TransactionType =
  | 'SALE'
  | 'REFUND'
  | 'CREDIT'
  | 'DISPUTE'
  | 'NON_SALE_CHARGE'
  | 'SHIPPING_LABEL'
  | 'TRANSFER'
  | 'ADJUSTMENT'
  | 'WITHDRAWAL';
export type TransactionStatus =
  | 'PAYOUT'
  | 'FUNDS_PROCESSING'
  | 'FUNDS_AVAILABLE_FOR_PAYOUT'
  | 'FUNDS_ON_HOLD'
  | 'COMPLETED'
  | 'FAILED';
export type BookingEntry = 'CREDIT' | 'DEBIT';

export const TRANSACTION_TYPES: readonly TransactionType[] = [
  'SALE',
  'REFUND',
  'CREDIT',
  'DISPUTE',
  'NON_SALE_CHARGE',
  'SHIPPING_LABEL',
  'TRANSFER',
  'ADJUSTMENT',
  'WITHDRAWAL',
];
export const TRANSACTION_STATUSES: readonly TransactionStatus[] = [
  'PAYOUT',
  'FUNDS_PROCESSING',
  'FUNDS_AVAILABLE_FOR_PAYOUT',
  'FUNDS_ON_HOLD',
  'COMPLETED',
  'FAILED',
];
export const BOOKING_ENTRIES: readonly BookingEntry[] = ['CREDIT', 'DEBIT'];

/** Finances getTransactions: one element of `transactions`. */
export interface EbayTransaction {
  transactionId: string;
  transactionType: TransactionType;
  transactionStatus: TransactionStatus;
  transactionDate: string;
  amount: EbayAmount;
  bookingEntry: BookingEntry;
  /** Absent on charges that belong to no order (a monthly store fee). */
  orderId?: string;
  buyer?: { username: string };
  totalFeeAmount?: EbayAmount;
}

/** The paging envelope getOrders and getTransactions share. */
export interface EbayPage {
  href: string;
  total: number;
  limit: number;
  offset: number;
  next?: string;
  prev?: string;
}
