import { randomUUID } from 'node:crypto';

/** Runs one statement and answers its rows (a pg client's or a DataSource's query, wrapped). */
export type RunSql = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export interface StoredOrderSeed {
  readonly accountId: string;
  /** The buyer's username, in the column and in raw; null for an order without one. */
  readonly buyer: string | null;
  readonly orderId?: string;
  readonly total?: string;
  /** The buyer's personal data eBay can send beside the username (default true). */
  readonly withPersonalData?: boolean;
}

export interface StoredOrder {
  readonly id: string;
  readonly orderId: string;
  readonly raw: Record<string, unknown>;
}

/**
 * An order as getOrders can answer it for a sale to `buyer`: key facts, and the buyer's
 * personal data in each place eBay puts some (the fields a redaction must remove).
 */
export function orderRaw(orderId: string, buyer: string | null, total: string, withPersonalData = true): Record<string, unknown> {
  const facts = {
    orderId,
    creationDate: '2026-03-01T10:00:00.000Z',
    lastModifiedDate: '2026-03-02T10:00:00.000Z',
    orderFulfillmentStatus: 'NOT_STARTED',
    orderPaymentStatus: 'PAID',
    salesRecordReference: '1042',
    pricingSummary: { total: { value: total, currency: 'USD' } },
    paymentSummary: { totalDueSeller: { value: total, currency: 'USD' }, payments: [{ paymentMethod: 'EBAY', paymentStatus: 'PAID' }] },
  };
  if (!withPersonalData) return { ...facts, ...(buyer === null ? {} : { buyer: { username: buyer } }) };
  const home = { addressLine1: '12 Elm Street', city: 'Springfield', postalCode: '62704', countryCode: 'US' };
  const contact = { fullName: 'Jane Buyer', contactAddress: home, primaryPhone: { phoneNumber: '2175550100' }, email: 'jane@example.com' };
  return {
    ...facts,
    ...(buyer === null ? {} : { buyer: { username: buyer, taxAddress: home, buyerRegistrationAddress: contact } }),
    buyerCheckoutNotes: 'Ring twice, Jane',
    fulfillmentStartInstructions: [
      {
        fulfillmentInstructionsType: 'SHIP_TO',
        shippingStep: { shippingCarrierCode: 'USPS', shippingServiceCode: 'USPSPriority', shipTo: contact },
      },
      {
        // Global Shipping: the package goes to eBay's hub, the buyer's home is the final destination.
        ebaySupportedFulfillment: true,
        finalDestinationAddress: home,
        shippingStep: {
          shippingServiceCode: 'GSP',
          shipTo: { fullName: 'Jane Buyer c/o Hub', contactAddress: { city: 'Erlanger', countryCode: 'US' } },
        },
      },
    ],
    lineItems: [
      {
        lineItemId: '10001',
        title: 'Camera lens',
        quantity: 1,
        total: { value: total, currency: 'USD' },
        giftDetails: { message: 'Happy birthday, from Jane', recipientEmail: 'friend@example.com', senderName: 'Jane Buyer' },
      },
      { lineItemId: '10002', title: 'Lens cap', quantity: 2 },
    ],
  };
}

/** What orderRaw keeps once its buyer is redacted: the same order, written out without the buyer's data. */
export function redactedOrderRaw(orderId: string, total: string): Record<string, unknown> {
  return {
    ...orderRaw(orderId, null, total, false),
    fulfillmentStartInstructions: [
      { fulfillmentInstructionsType: 'SHIP_TO', shippingStep: { shippingCarrierCode: 'USPS', shippingServiceCode: 'USPSPriority' } },
      { ebaySupportedFulfillment: true, shippingStep: { shippingServiceCode: 'GSP' } },
    ],
    lineItems: [
      { lineItemId: '10001', title: 'Camera lens', quantity: 1, total: { value: total, currency: 'USD' } },
      { lineItemId: '10002', title: 'Lens cap', quantity: 2 },
    ],
  };
}

/** Strings of the buyer's personal data orderRaw writes: none may be left after a redaction. */
export const BUYER_PERSONAL_DATA = ['Jane', 'jane@example.com', '2175550100', 'Elm Street', 'friend@example.com', 'Ring twice'];

/** A stored order, inserted with SQL as the sync would have stored it (the sync engine writes them in production). */
export async function aStoredOrder(sql: RunSql, seed: StoredOrderSeed): Promise<StoredOrder> {
  const orderId = seed.orderId ?? `12-${randomUUID().slice(0, 5)}-${randomUUID().slice(0, 5)}`;
  const total = seed.total ?? '42.50';
  const raw = orderRaw(orderId, seed.buyer, total, seed.withPersonalData ?? true);
  return aStoredOrderOf(sql, seed.accountId, raw, seed.buyer);
}

/** A stored order whose raw record is exactly `raw` (shapes eBay might send, or might not). */
export async function aStoredOrderOf(
  sql: RunSql,
  accountId: string,
  raw: Record<string, unknown>,
  buyer: string | null,
): Promise<StoredOrder> {
  const orderId = typeof raw.orderId === 'string' ? raw.orderId : randomUUID();
  // The columns as the sync fills them from the record; an order without a total has none.
  const [row] = await sql(
    `INSERT INTO ebay_orders (ebay_account_id, order_id, creation_date, last_modified_date, fulfillment_status,
                              payment_status, total_value, total_currency, buyer_username, raw)
     VALUES ($1, $2, '2026-03-01T10:00:00Z', '2026-03-02T10:00:00Z', 'NOT_STARTED', 'PAID',
             ($4::jsonb #>> '{pricingSummary,total,value}')::numeric, $4::jsonb #>> '{pricingSummary,total,currency}', $3, $4)
     RETURNING id`,
    [accountId, orderId, buyer, JSON.stringify(raw)],
  );
  return { id: String(row.id), orderId, raw };
}

/** A SALE transaction of an order, inserted with SQL; `buyer` null for a fee that names none. */
export async function aStoredTransaction(
  sql: RunSql,
  seed: { accountId: string; buyer: string | null; orderId?: string },
): Promise<{ id: string; transactionId: string; raw: Record<string, unknown> }> {
  const transactionId = randomUUID();
  const raw = {
    transactionId,
    transactionType: 'SALE',
    transactionStatus: 'PAYOUT',
    transactionDate: '2026-03-01T11:00:00.000Z',
    amount: { value: '42.50', currency: 'USD' },
    bookingEntry: 'CREDIT',
    ...(seed.orderId === undefined ? {} : { orderId: seed.orderId }),
    ...(seed.buyer === null ? {} : { buyer: { username: seed.buyer } }),
    totalFeeAmount: { value: '5.10', currency: 'USD' },
  };
  const [row] = await sql(
    `INSERT INTO ebay_transactions (ebay_account_id, transaction_id, transaction_type, transaction_status, transaction_date,
                                    amount_value, amount_currency, booking_entry, order_id, buyer_username, raw)
     VALUES ($1, $2, 'SALE', 'PAYOUT', '2026-03-01T11:00:00Z', 42.50, 'USD', 'CREDIT', $3, $4, $5)
     RETURNING id`,
    [seed.accountId, transactionId, seed.orderId ?? null, seed.buyer, JSON.stringify(raw)],
  );
  return { id: String(row.id), transactionId, raw };
}

/** The account's checkpoint for one resource, as a finished sync run leaves it. */
export async function aSyncCursor(sql: RunSql, accountId: string, resource: 'orders' | 'transactions'): Promise<void> {
  await sql(
    `INSERT INTO ebay_sync_cursors (ebay_account_id, resource, checkpoint, last_outcome, last_finished_at)
     VALUES ($1, $2, $3, 'succeeded', now())`,
    [accountId, resource, JSON.stringify({ syncedThrough: '2026-03-02T10:00:00.000Z' })],
  );
}
