import { withDatabase } from './test-database';

/**
 * Orders and transactions as the sync would have stored them, written straight into
 * ebay_orders and ebay_transactions: the read API's tests need rows, not the sync engine.
 */
export interface OrderFixture {
  readonly orderId: string;
  /** Any instant PostgreSQL reads, to the microsecond. */
  readonly creationDate: string;
  readonly lastModifiedDate: string;
  readonly fulfillmentStatus: string;
  readonly paymentStatus: string;
  readonly total: { readonly value: string; readonly currency: string } | null;
  readonly buyerUsername: string | null;
  readonly syncedAt: string;
  /** The order as eBay sent it. */
  readonly raw: Record<string, unknown>;
}

export interface TransactionFixture {
  readonly transactionId: string;
  readonly transactionType: string;
  readonly transactionStatus: string | null;
  readonly transactionDate: string;
  readonly amount: { readonly value: string; readonly currency: string } | null;
  readonly bookingEntry: string | null;
  readonly orderId: string | null;
  readonly buyerUsername: string | null;
  readonly syncedAt: string;
  readonly raw: Record<string, unknown>;
}

const SYNCED_AT = '2026-03-01T12:00:00.000Z';

/** An order with eBay's fields; raw is what eBay would have sent for them, unless given. */
export function anOrder(fields: Partial<OrderFixture> & Pick<OrderFixture, 'orderId' | 'creationDate'>): OrderFixture {
  const order = {
    lastModifiedDate: fields.creationDate,
    fulfillmentStatus: 'NOT_STARTED',
    paymentStatus: 'PAID',
    total: { value: '12.90', currency: 'USD' },
    buyerUsername: 'buyer1',
    syncedAt: SYNCED_AT,
    ...fields,
  };
  return {
    ...order,
    raw: fields.raw ?? {
      orderId: order.orderId,
      creationDate: order.creationDate,
      lastModifiedDate: order.lastModifiedDate,
      orderFulfillmentStatus: order.fulfillmentStatus,
      orderPaymentStatus: order.paymentStatus,
      ...(order.buyerUsername === null ? {} : { buyer: { username: order.buyerUsername } }),
      ...(order.total === null ? {} : { pricingSummary: { total: order.total } }),
      lineItems: [],
    },
  };
}

/** A transaction with eBay's fields; raw is what eBay would have sent for them, unless given. */
export function aTransaction(
  fields: Partial<TransactionFixture> & Pick<TransactionFixture, 'transactionId' | 'transactionDate'>,
): TransactionFixture {
  const transaction = {
    transactionType: 'SALE',
    transactionStatus: 'FUNDS_AVAILABLE_FOR_PAYOUT',
    amount: { value: '12.90', currency: 'USD' },
    bookingEntry: 'CREDIT',
    orderId: null,
    buyerUsername: null,
    syncedAt: SYNCED_AT,
    ...fields,
  };
  return {
    ...transaction,
    raw: fields.raw ?? {
      transactionId: transaction.transactionId,
      transactionType: transaction.transactionType,
      transactionDate: transaction.transactionDate,
      ...(transaction.transactionStatus === null ? {} : { transactionStatus: transaction.transactionStatus }),
      ...(transaction.amount === null ? {} : { amount: transaction.amount }),
      ...(transaction.bookingEntry === null ? {} : { bookingEntry: transaction.bookingEntry }),
      ...(transaction.orderId === null ? {} : { orderId: transaction.orderId }),
      ...(transaction.buyerUsername === null ? {} : { buyer: { username: transaction.buyerUsername } }),
    },
  };
}

export async function insertOrders(databaseUrl: string, accountId: string, orders: readonly OrderFixture[]): Promise<void> {
  await withDatabase(databaseUrl, async (client) => {
    for (const order of orders) {
      await client.query(
        `INSERT INTO ebay_orders (ebay_account_id, order_id, creation_date, last_modified_date, fulfillment_status,
                                  payment_status, total_value, total_currency, buyer_username, raw, synced_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          accountId,
          order.orderId,
          order.creationDate,
          order.lastModifiedDate,
          order.fulfillmentStatus,
          order.paymentStatus,
          order.total?.value ?? null,
          order.total?.currency ?? null,
          order.buyerUsername,
          order.raw,
          order.syncedAt,
        ],
      );
    }
  });
}

export async function insertTransactions(
  databaseUrl: string,
  accountId: string,
  transactions: readonly TransactionFixture[],
): Promise<void> {
  await withDatabase(databaseUrl, async (client) => {
    for (const transaction of transactions) {
      await client.query(
        `INSERT INTO ebay_transactions (ebay_account_id, transaction_id, transaction_type, transaction_status,
                                        transaction_date, amount_value, amount_currency, booking_entry, order_id,
                                        buyer_username, raw, synced_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          accountId,
          transaction.transactionId,
          transaction.transactionType,
          transaction.transactionStatus,
          transaction.transactionDate,
          transaction.amount?.value ?? null,
          transaction.amount?.currency ?? null,
          transaction.bookingEntry,
          transaction.orderId,
          transaction.buyerUsername,
          transaction.raw,
          transaction.syncedAt,
        ],
      );
    }
  });
}
