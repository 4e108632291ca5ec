import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EbayMalformedResponseError } from '../ebay';
import { EbayRecordFields, isObject } from './ebay-record-fields';
import { UNSETTLED_TRANSACTION_STATUSES } from './ebay-record-vocabulary';
import { lastById, type RecordPage, type ResourceSource, sinceFilter } from './resource-source';

/** One Finances transaction as the sync stores it. */
export interface TransactionRecord {
  readonly transactionId: string;
  readonly transactionType: string;
  readonly transactionStatus: string | null;
  readonly transactionDate: string;
  readonly amountValue: string | null;
  readonly amountCurrency: string | null;
  readonly bookingEntry: string | null;
  readonly orderId: string | null;
  readonly buyerUsername: string | null;
  readonly raw: Record<string, unknown>;
}

const ACTION = 'Finances getTransactions';
/**
 * Written into the statement, not passed as a parameter: the planner can then see that the
 * condition matches ix_ebay_transactions_account_unsettled's. Constants of ours, never input.
 */
const UNSETTLED_STATUS_LIST = UNSETTLED_TRANSACTION_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * Finances getTransactions (apiz host), by `transactionDate`, 1,000 a page (eBay's most),
 * oldest first: a transaction booked while the run pages lands after the pages already read.
 * A range with nothing in it is eBay's 204 with no body. A status change does not move the
 * booking date, so a run's range reaches back to the oldest transaction not yet final.
 */
@Injectable()
export class TransactionSource implements ResourceSource<TransactionRecord> {
  readonly resource = 'transactions' as const;
  readonly action = ACTION;
  readonly host = 'apiz' as const;
  readonly path = '/sell/finances/v1/transaction';
  readonly pageSize = 1000;

  query(from: Date, offset: number): string {
    return new URLSearchParams({
      filter: sinceFilter('transactionDate', from),
      sort: 'transactionDate',
      limit: String(this.pageSize),
      offset: String(offset),
    }).toString();
  }

  readPage(body: unknown): RecordPage<TransactionRecord> {
    // 204: axios hands over an empty string.
    if (body === '' || body === undefined || body === null) return { records: [], hasNext: false };
    if (!isObject(body) || !Array.isArray(body.transactions)) throw new EbayMalformedResponseError(ACTION);
    const records = body.transactions.map((transaction) => transactionRecordOf(EbayRecordFields.of(transaction, ACTION)));
    return { records, hasNext: typeof body.next === 'string' && records.length > 0 };
  }

  /**
   * The booking date of the oldest stored transaction whose status is not final: its status
   * change at eBay does not move its transactionDate, so only a range reaching back to it reads
   * the change. ix_ebay_transactions_account_unsettled holds just these rows.
   */
  async oldestUnsettled(manager: EntityManager, accountId: string, notBefore: Date): Promise<Date | null> {
    const [row] = (await manager.query(
      `SELECT min(transaction_date) AS oldest FROM ebay_transactions
        WHERE ebay_account_id = $1 AND transaction_date >= $2 AND transaction_status IN (${UNSETTLED_STATUS_LIST})`,
      [accountId, notBefore.toISOString()],
    )) as { oldest: Date | null }[];
    return row?.oldest ?? null;
  }

  async upsert(manager: EntityManager, accountId: string, records: readonly TransactionRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    const written = (await manager.query(
      `INSERT INTO ebay_transactions AS t (ebay_account_id, transaction_id, transaction_type, transaction_status,
                                           transaction_date, amount_value, amount_currency, booking_entry, order_id,
                                           buyer_username, raw)
       SELECT $1, r."transactionId", r."transactionType", r."transactionStatus", r."transactionDate", r."amountValue",
              r."amountCurrency", r."bookingEntry", r."orderId", r."buyerUsername", r.raw
         FROM jsonb_to_recordset($2::jsonb) AS r("transactionId" text, "transactionType" text, "transactionStatus" text,
              "transactionDate" timestamptz, "amountValue" numeric, "amountCurrency" text, "bookingEntry" text,
              "orderId" text, "buyerUsername" text, raw jsonb)
       ON CONFLICT (ebay_account_id, transaction_id) DO UPDATE SET
              transaction_type = excluded.transaction_type, transaction_status = excluded.transaction_status,
              transaction_date = excluded.transaction_date, amount_value = excluded.amount_value,
              amount_currency = excluded.amount_currency, booking_entry = excluded.booking_entry,
              order_id = excluded.order_id, buyer_username = excluded.buyer_username, raw = excluded.raw,
              synced_at = now()
        WHERE t.raw IS DISTINCT FROM excluded.raw
       RETURNING 1`,
      [accountId, JSON.stringify(lastById(records, (record) => record.transactionId))],
    )) as unknown[];
    return written.length;
  }
}

function transactionRecordOf(fields: EbayRecordFields): TransactionRecord {
  const amount = fields.amount('amount');
  return {
    transactionId: fields.recordId('transactionId'),
    transactionType: fields.id('transactionType', 50),
    transactionStatus: fields.text('transactionStatus', 50),
    transactionDate: fields.date('transactionDate'),
    amountValue: amount.value,
    amountCurrency: amount.currency,
    bookingEntry: fields.text('bookingEntry', 20),
    orderId: fields.text('orderId'),
    buyerUsername: fields.buyerUsername(),
    raw: fields.raw,
  };
}
