/**
 * The values eBay writes in the order and transaction fields the read API filters on, as
 * eBay's Fulfillment and Finances documents enumerate them (docs/ebay.md, sections 7 and 8).
 * The emulator has its own copy: it is self-contained, and the service does not import it.
 */
export const ORDER_FULFILLMENT_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'FULFILLED'] as const;
export type OrderFulfillmentStatus = (typeof ORDER_FULFILLMENT_STATUSES)[number];

export const ORDER_PAYMENT_STATUSES = ['PAID', 'PENDING', 'FAILED', 'FULLY_REFUNDED', 'PARTIALLY_REFUNDED'] as const;
export type OrderPaymentStatus = (typeof ORDER_PAYMENT_STATUSES)[number];

export const TRANSACTION_TYPES = [
  'SALE',
  'REFUND',
  'CREDIT',
  'DISPUTE',
  'NON_SALE_CHARGE',
  'SHIPPING_LABEL',
  'TRANSFER',
  'ADJUSTMENT',
  'WITHDRAWAL',
] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export const TRANSACTION_STATUSES = [
  'PAYOUT',
  'FUNDS_PROCESSING',
  'FUNDS_AVAILABLE_FOR_PAYOUT',
  'FUNDS_ON_HOLD',
  'COMPLETED',
  'FAILED',
] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/**
 * The statuses eBay still moves on from (TransactionStatusEnum: funds held, being processed,
 * available until paid out). PAYOUT (paid to the seller), COMPLETED and FAILED (a transfer to
 * eBay done or not) are where a transaction ends. getTransactions finds a transaction by its
 * booking date only, so the sync reads these again until they end (docs/sync.md).
 */
export const UNSETTLED_TRANSACTION_STATUSES = ['FUNDS_ON_HOLD', 'FUNDS_PROCESSING', 'FUNDS_AVAILABLE_FOR_PAYOUT'] as const satisfies readonly TransactionStatus[];

/**
 * What an eBay order or transaction id may look like here: eBay's are digits and hyphens
 * (`12-34567-89012`, `512345678901`); letters, dots, underscores and `!` leave room for older
 * and future formats. Anything else, or longer, cannot be one and is refused before the database.
 */
export const EBAY_RECORD_ID_MAX_LENGTH = 100;
export const EBAY_RECORD_ID = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._!-]{0,${EBAY_RECORD_ID_MAX_LENGTH - 1}}$`);
/** The rule in words, for error messages and the OpenAPI document. */
export const EBAY_RECORD_ID_RULE = `1–${EBAY_RECORD_ID_MAX_LENGTH} characters: a letter or digit, then letters, digits and . _ ! -`;
