import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '../common/openapi/openapi-decorators';
import { type AuthUser, CurrentUser } from '../auth';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { ApiUuidParam } from '../common/http/api-uuid-param.decorator';
import { pageRequestOf } from '../common/paging/page-request';
import { pageResponseOf } from '../common/paging/page-response';
import { ListOrdersQuery, orderFilterOf } from './dto/list-orders-query.dto';
import { StoredOrderDetailResponse, StoredOrderResponse, StoredOrdersPage } from './dto/stored-order.response';
import { EbayRecordIdPipe } from './ebay-record-id.pipe';
import { EBAY_RECORD_ID, EBAY_RECORD_ID_MAX_LENGTH, EBAY_RECORD_ID_RULE } from './ebay-record-vocabulary';
import { StoredRecordsService } from './stored-records.service';

const ID_PARAM = new ParseUUIDPipe();
const ORDER_ID_PARAM = new EbayRecordIdPipe('orderId');

/** An account's orders as the last sync stored them (beside the account routes, owned here). */
@ApiTags('ebay-accounts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@Controller('ebay-accounts/:id/orders')
export class OrdersController {
  constructor(private readonly records: StoredRecordsService) {}

  @Get()
  @ApiUuidParam('id', 'The account’s id')
  @ApiOperation({
    summary: 'The account’s stored eBay orders',
    description:
      'The orders as the last sync stored them from eBay’s Fulfillment getOrders (eBay is not asked now), newest ' +
      'created first. status and paymentStatus keep the orders of that orderFulfillmentStatus or ' +
      'orderPaymentStatus; modifiedSince those eBay last modified at or after an instant; createdFrom and createdTo ' +
      'those created within a range, both ends inclusive. Filters combine. Page by limit and offset (counted: ' +
      'total), or follow nextCursor with after= and the same filters (not counted: total is null). A ' +
      'disconnected account keeps its history.',
  })
  @ApiOkResponse({ type: StoredOrdersPage })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description:
      'The id is not a UUID, or an invalid limit, offset, status, paymentStatus or date; code invalid_date_range: ' +
      'createdFrom after createdTo; code invalid_cursor: after is not a nextCursor this service handed out; code ' +
      'cursor_with_offset: after with a non-zero offset',
  })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such account in the caller’s organisation' })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('id', ID_PARAM) id: string,
    @Query() query: ListOrdersQuery,
  ): Promise<StoredOrdersPage> {
    const page = await this.records.orders(user, id, orderFilterOf(query), pageRequestOf(query));
    return pageResponseOf(page, (order) => StoredOrderResponse.from(order));
  }

  @Get(':orderId')
  @ApiUuidParam('id', 'The account’s id')
  @ApiParam({
    name: 'orderId',
    description: `eBay’s orderId: ${EBAY_RECORD_ID_RULE}`,
    schema: { type: 'string', minLength: 1, maxLength: EBAY_RECORD_ID_MAX_LENGTH, pattern: EBAY_RECORD_ID.source, example: '12-34567-89012' },
  })
  @ApiOperation({
    summary: 'One stored eBay order',
    description: 'The order as the last sync stored it, with raw: the order exactly as eBay sent it.',
  })
  @ApiOkResponse({ type: StoredOrderDetailResponse })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'The id is not a UUID; code invalid_order_id: orderId is not one eBay could have written',
  })
  @ApiNotFoundResponse({
    type: ErrorResponse,
    description: 'No such account in the caller’s organisation; code order_not_found: no stored order of the account has this orderId',
  })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ID_PARAM) id: string,
    @Param('orderId', ORDER_ID_PARAM) orderId: string,
  ): Promise<StoredOrderDetailResponse> {
    return StoredOrderDetailResponse.fromRecord(await this.records.order(user, id, orderId));
  }
}
