import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KeysetPage, PageRequest } from '../common/paging/page-query.dto';
import type { OrderFulfillmentStatus, OrderPaymentStatus } from './ebay-record-vocabulary';
import type { EbayOrder } from './entities/ebay-order.entity';
import { pageStatement, type PositionedRow, RecordConditions, readRecordPage, type Statement, type StoredRecordTable } from './stored-record-query';

/** Which stored orders a list shows; every instant is an ISO instant, both bounds inclusive. */
export interface OrderFilter {
  readonly fulfillmentStatus?: OrderFulfillmentStatus;
  readonly paymentStatus?: OrderPaymentStatus;
  readonly modifiedSince?: string;
  readonly createdFrom?: string;
  readonly createdTo?: string;
}

/** An order as a list shows it: everything but the record eBay sent. */
export type StoredOrder = Omit<EbayOrder, 'raw'>;

interface OrderRow {
  readonly id: string;
  readonly ebay_account_id: string;
  readonly order_id: string;
  readonly creation_date: Date;
  readonly last_modified_date: Date;
  readonly fulfillment_status: string;
  readonly payment_status: string;
  /** numeric comes back from pg as text: "12.90" stays "12.90". */
  readonly total_value: string | null;
  readonly total_currency: string | null;
  readonly buyer_username: string | null;
  readonly synced_at: Date;
}

/**
 * Newest created first. The indexes ix_ebay_orders_account_created, _fulfillment and _payment
 * (account, [status,] creation_date, id) serve the list and each status filter without a sort.
 */
const ORDERS: StoredRecordTable = {
  name: 'ebay_orders',
  columns: `id, ebay_account_id, order_id, creation_date, last_modified_date, fulfillment_status, payment_status,
    total_value, total_currency, buyer_username, synced_at`,
  sortColumn: 'creation_date',
};

/** The statement a page of the account's orders is read with (exported for the query plan test). */
export function ordersPageStatement(accountId: string, filter: OrderFilter, request: PageRequest): Statement {
  return pageStatement(ORDERS, conditionsOf(accountId, filter), request);
}

/** The account's orders as the last sync stored them. */
@Injectable()
export class StoredOrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the account's orders matching the filter. */
  page(accountId: string, filter: OrderFilter, request: PageRequest): Promise<KeysetPage<StoredOrder>> {
    return readRecordPage<OrderRow & PositionedRow, StoredOrder>(this.dataSource, ORDERS, conditionsOf(accountId, filter), request, orderOf);
  }

  /** One order with the record eBay sent, or null when none of this id is stored for the account. */
  async find(accountId: string, orderId: string): Promise<EbayOrder | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${ORDERS.columns}, raw FROM ebay_orders WHERE ebay_account_id = $1 AND order_id = $2`,
      [accountId, orderId],
    )) as (OrderRow & { raw: Record<string, unknown> })[];
    return rows.length === 0 ? null : { ...orderOf(rows[0]), raw: rows[0].raw };
  }
}

function conditionsOf(accountId: string, filter: OrderFilter): RecordConditions {
  return new RecordConditions(accountId)
    .equals('fulfillment_status', filter.fulfillmentStatus)
    .equals('payment_status', filter.paymentStatus)
    .atOrAfter('last_modified_date', filter.modifiedSince)
    .atOrAfter('creation_date', filter.createdFrom)
    .atOrBefore('creation_date', filter.createdTo);
}

function orderOf(row: OrderRow): StoredOrder {
  return {
    id: row.id,
    ebayAccountId: row.ebay_account_id,
    orderId: row.order_id,
    creationDate: row.creation_date,
    lastModifiedDate: row.last_modified_date,
    fulfillmentStatus: row.fulfillment_status,
    paymentStatus: row.payment_status,
    totalValue: row.total_value,
    totalCurrency: row.total_currency,
    buyerUsername: row.buyer_username,
    syncedAt: row.synced_at,
  };
}
