import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EbayMalformedResponseError } from '../ebay';
import { EbayRecordFields, isObject } from './ebay-record-fields';
import { lastById, type RecordPage, type ResourceSource, sinceFilter } from './resource-source';

/** One order as the sync stores it. */
export interface OrderRecord {
  readonly orderId: string;
  readonly creationDate: string;
  readonly lastModifiedDate: string;
  readonly fulfillmentStatus: string;
  readonly paymentStatus: string;
  readonly totalValue: string | null;
  readonly totalCurrency: string | null;
  readonly buyerUsername: string | null;
  readonly raw: Record<string, unknown>;
}

const ACTION = 'Fulfillment getOrders';

/**
 * Fulfillment getOrders, by `lastmodifieddate`, 200 a page (eBay's most). eBay lists orders
 * newest created first; an order changed meanwhile keeps its place, so paging an open-ended
 * range loses nothing (docs/sync.md).
 */
@Injectable()
export class OrderSource implements ResourceSource<OrderRecord> {
  readonly resource = 'orders' as const;
  readonly action = ACTION;
  readonly host = 'api' as const;
  readonly path = '/sell/fulfillment/v1/order';
  readonly pageSize = 200;

  query(from: Date, offset: number): string {
    return new URLSearchParams({
      filter: sinceFilter('lastmodifieddate', from),
      limit: String(this.pageSize),
      offset: String(offset),
    }).toString();
  }

  readPage(body: unknown): RecordPage<OrderRecord> {
    if (!isObject(body) || !Array.isArray(body.orders)) throw new EbayMalformedResponseError(ACTION);
    const records = body.orders.map((order) => orderRecordOf(EbayRecordFields.of(order, ACTION)));
    return { records, hasNext: typeof body.next === 'string' && records.length > 0 };
  }

  /** Every change of an order moves its lastModifiedDate into the next run's range: none to read again. */
  oldestUnsettled(): Promise<Date | null> {
    return Promise.resolve(null);
  }

  async upsert(manager: EntityManager, accountId: string, records: readonly OrderRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    const written = (await manager.query(
      `INSERT INTO ebay_orders AS o (ebay_account_id, order_id, creation_date, last_modified_date, fulfillment_status,
                                     payment_status, total_value, total_currency, buyer_username, raw)
       SELECT $1, r."orderId", r."creationDate", r."lastModifiedDate", r."fulfillmentStatus", r."paymentStatus",
              r."totalValue", r."totalCurrency", r."buyerUsername", r.raw
         FROM jsonb_to_recordset($2::jsonb) AS r("orderId" text, "creationDate" timestamptz, "lastModifiedDate" timestamptz,
              "fulfillmentStatus" text, "paymentStatus" text, "totalValue" numeric, "totalCurrency" text,
              "buyerUsername" text, raw jsonb)
       ON CONFLICT (ebay_account_id, order_id) DO UPDATE SET
              creation_date = excluded.creation_date, last_modified_date = excluded.last_modified_date,
              fulfillment_status = excluded.fulfillment_status, payment_status = excluded.payment_status,
              total_value = excluded.total_value, total_currency = excluded.total_currency,
              buyer_username = excluded.buyer_username, raw = excluded.raw, synced_at = now()
        -- Unchanged rows are not rewritten, and an older copy never replaces a newer one.
        WHERE o.raw IS DISTINCT FROM excluded.raw AND o.last_modified_date <= excluded.last_modified_date
       RETURNING 1`,
      [accountId, JSON.stringify(lastById(records, (record) => record.orderId))],
    )) as unknown[];
    return written.length;
  }
}

function orderRecordOf(fields: EbayRecordFields): OrderRecord {
  const total = fields.object('pricingSummary')?.amount('total') ?? { value: null, currency: null };
  return {
    orderId: fields.recordId('orderId'),
    creationDate: fields.date('creationDate'),
    lastModifiedDate: fields.date('lastModifiedDate'),
    fulfillmentStatus: fields.id('orderFulfillmentStatus', 50),
    paymentStatus: fields.id('orderPaymentStatus', 50),
    totalValue: total.value,
    totalCurrency: total.currency,
    buyerUsername: fields.buyerUsername(),
    raw: fields.raw,
  };
}
