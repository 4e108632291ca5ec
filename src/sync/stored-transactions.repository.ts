import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KeysetPage, PageRequest } from '../common/paging/page-query.dto';
import type { TransactionStatus, TransactionType } from './ebay-record-vocabulary';
import type { EbayTransaction } from './entities/ebay-transaction.entity';
import { pageStatement, type PositionedRow, RecordConditions, readRecordPage, type Statement, type StoredRecordTable } from './stored-record-query';

/** Which stored transactions a list shows; every instant is an ISO instant, both bounds inclusive. */
export interface TransactionFilter {
  readonly transactionType?: TransactionType;
  readonly transactionStatus?: TransactionStatus;
  readonly orderId?: string;
  readonly dateFrom?: string;
  readonly dateTo?: string;
}

/** A transaction as a list shows it: everything but the record eBay sent. */
export type StoredTransaction = Omit<EbayTransaction, 'raw'>;

interface TransactionRow {
  readonly id: string;
  readonly ebay_account_id: string;
  readonly transaction_id: string;
  readonly transaction_type: string;
  readonly transaction_status: string | null;
  readonly transaction_date: Date;
  /** numeric comes back from pg as text: "-1.50" stays "-1.50". */
  readonly amount_value: string | null;
  readonly amount_currency: string | null;
  readonly booking_entry: string | null;
  readonly order_id: string | null;
  readonly buyer_username: string | null;
  readonly synced_at: Date;
}

/**
 * Newest first by transaction date. ix_ebay_transactions_account_date and _type (account,
 * [type,] transaction_date, id) serve the list and the type filter without a sort;
 * ix_ebay_transactions_account_order finds an order's few transactions.
 */
const TRANSACTIONS: StoredRecordTable = {
  name: 'ebay_transactions',
  columns: `id, ebay_account_id, transaction_id, transaction_type, transaction_status, transaction_date,
    amount_value, amount_currency, booking_entry, order_id, buyer_username, synced_at`,
  sortColumn: 'transaction_date',
};

/** The statement a page of the account's transactions is read with (exported for the query plan test). */
export function transactionsPageStatement(accountId: string, filter: TransactionFilter, request: PageRequest): Statement {
  return pageStatement(TRANSACTIONS, conditionsOf(accountId, filter), request);
}

/** The account's Finances transactions as the last sync stored them. */
@Injectable()
export class StoredTransactionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the account's transactions matching the filter. */
  page(accountId: string, filter: TransactionFilter, request: PageRequest): Promise<KeysetPage<StoredTransaction>> {
    return readRecordPage<TransactionRow & PositionedRow, StoredTransaction>(
      this.dataSource,
      TRANSACTIONS,
      conditionsOf(accountId, filter),
      request,
      transactionOf,
    );
  }

  /** One transaction with the record eBay sent, or null when none of this id is stored for the account. */
  async find(accountId: string, transactionId: string): Promise<EbayTransaction | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${TRANSACTIONS.columns}, raw FROM ebay_transactions WHERE ebay_account_id = $1 AND transaction_id = $2`,
      [accountId, transactionId],
    )) as (TransactionRow & { raw: Record<string, unknown> })[];
    return rows.length === 0 ? null : { ...transactionOf(rows[0]), raw: rows[0].raw };
  }
}

function conditionsOf(accountId: string, filter: TransactionFilter): RecordConditions {
  return new RecordConditions(accountId)
    .equals('transaction_type', filter.transactionType)
    .equals('transaction_status', filter.transactionStatus)
    .equals('order_id', filter.orderId)
    .atOrAfter('transaction_date', filter.dateFrom)
    .atOrBefore('transaction_date', filter.dateTo);
}

function transactionOf(row: TransactionRow): StoredTransaction {
  return {
    id: row.id,
    ebayAccountId: row.ebay_account_id,
    transactionId: row.transaction_id,
    transactionType: row.transaction_type,
    transactionStatus: row.transaction_status,
    transactionDate: row.transaction_date,
    amountValue: row.amount_value,
    amountCurrency: row.amount_currency,
    bookingEntry: row.booking_entry,
    orderId: row.order_id,
    buyerUsername: row.buyer_username,
    syncedAt: row.synced_at,
  };
}
