import { ApiPropertyOptional } from '../../common/openapi/openapi-decorators';
import { IsIn, IsOptional } from 'class-validator';
import { KeysetPageQuery } from '../../common/paging/page-query.dto';
import { ISO_INSTANT_RULE, IsIsoInstant } from '../../common/validation/is-iso-instant.decorator';
import {
  ORDER_FULFILLMENT_STATUSES,
  ORDER_PAYMENT_STATUSES,
  type OrderFulfillmentStatus,
  type OrderPaymentStatus,
} from '../ebay-record-vocabulary';
import type { OrderFilter } from '../stored-orders.repository';

export class ListOrdersQuery extends KeysetPageQuery {
  @ApiPropertyOptional({ enum: ORDER_FULFILLMENT_STATUSES, description: 'Only orders of this orderFulfillmentStatus' })
  @IsOptional()
  @IsIn(ORDER_FULFILLMENT_STATUSES)
  status?: OrderFulfillmentStatus;

  @ApiPropertyOptional({ enum: ORDER_PAYMENT_STATUSES, description: 'Only orders of this orderPaymentStatus' })
  @IsOptional()
  @IsIn(ORDER_PAYMENT_STATUSES)
  paymentStatus?: OrderPaymentStatus;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: `Only orders eBay last modified at or after this instant: ${ISO_INSTANT_RULE}`,
  })
  @IsOptional()
  @IsIsoInstant()
  modifiedSince?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: `Only orders created at or after this instant: ${ISO_INSTANT_RULE}`,
  })
  @IsOptional()
  @IsIsoInstant()
  createdFrom?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: `Only orders created at or before this instant (inclusive; not before createdFrom): ${ISO_INSTANT_RULE}`,
  })
  @IsOptional()
  @IsIsoInstant()
  createdTo?: string;
}

/** The filter the query names. */
export function orderFilterOf(query: ListOrdersQuery): OrderFilter {
  return {
    fulfillmentStatus: query.status,
    paymentStatus: query.paymentStatus,
    modifiedSince: query.modifiedSince,
    createdFrom: query.createdFrom,
    createdTo: query.createdTo,
  };
}
