import { ApiExtraModels, ApiProperty } from '../../common/openapi/openapi-decorators';
import type { EbayOrder } from '../entities/ebay-order.entity';
import { ORDER_FULFILLMENT_STATUSES, ORDER_PAYMENT_STATUSES } from '../ebay-record-vocabulary';
import type { StoredOrder } from '../stored-orders.repository';
import { AMOUNT_OR_NULL, AmountResponse } from './amount.response';

/** One of an account's orders as the last sync stored it (Fulfillment getOrders). */
@ApiExtraModels(AmountResponse)
export class StoredOrderResponse {
  @ApiProperty({ example: '12-34567-89012' })
  orderId!: string;

  @ApiProperty({ format: 'date-time' })
  creationDate!: string;

  @ApiProperty({ format: 'date-time', description: 'When eBay last changed the order, as of the last sync' })
  lastModifiedDate!: string;

  @ApiProperty({
    example: 'NOT_STARTED',
    description: `As eBay sent it: ${ORDER_FULFILLMENT_STATUSES.join(', ')}`,
  })
  orderFulfillmentStatus!: string;

  @ApiProperty({ example: 'PAID', description: `As eBay sent it: ${ORDER_PAYMENT_STATUSES.join(', ')}` })
  orderPaymentStatus!: string;

  @ApiProperty({ ...AMOUNT_OR_NULL, description: 'pricingSummary.total; null when eBay sent none' })
  total!: AmountResponse | null;

  @ApiProperty({ type: String, nullable: true, example: 'buyer1' })
  buyerUsername!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When a sync last wrote the order (first seen, or changed on eBay)' })
  syncedAt!: string;

  static from(order: StoredOrder): StoredOrderResponse {
    return {
      orderId: order.orderId,
      creationDate: order.creationDate.toISOString(),
      lastModifiedDate: order.lastModifiedDate.toISOString(),
      orderFulfillmentStatus: order.fulfillmentStatus,
      orderPaymentStatus: order.paymentStatus,
      total: AmountResponse.of(order.totalValue, order.totalCurrency),
      buyerUsername: order.buyerUsername,
      syncedAt: order.syncedAt.toISOString(),
    };
  }
}

/** One stored order with the order exactly as eBay sent it. */
export class StoredOrderDetailResponse extends StoredOrderResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The order exactly as eBay’s getOrders answered it at the last sync',
  })
  raw!: Record<string, unknown>;

  static fromRecord(order: EbayOrder): StoredOrderDetailResponse {
    return { ...StoredOrderResponse.from(order), raw: order.raw };
  }
}

export class StoredOrdersPage {
  @ApiProperty({ type: [StoredOrderResponse], description: 'Newest created first' })
  items!: StoredOrderResponse[];

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'How many stored orders the filter matches in all; null on keyset pages (after=): they skip the count',
  })
  total!: number | null;

  @ApiProperty({ type: 'integer' })
  limit!: number;

  @ApiProperty({ type: 'integer', description: 'The offset asked for; 0 on keyset pages' })
  offset!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as after= (with the same filters) for the next, older page; null on the last page',
  })
  nextCursor!: string | null;
}
