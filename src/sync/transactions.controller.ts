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
import { ListTransactionsQuery, transactionFilterOf } from './dto/list-transactions-query.dto';
import {
  StoredTransactionDetailResponse,
  StoredTransactionResponse,
  StoredTransactionsPage,
} from './dto/stored-transaction.response';
import { EbayRecordIdPipe } from './ebay-record-id.pipe';
import { EBAY_RECORD_ID, EBAY_RECORD_ID_MAX_LENGTH, EBAY_RECORD_ID_RULE } from './ebay-record-vocabulary';
import { StoredRecordsService } from './stored-records.service';

const ID_PARAM = new ParseUUIDPipe();
const TRANSACTION_ID_PARAM = new EbayRecordIdPipe('transactionId');

/** An account's Finances transactions as the last sync stored them (beside the account routes, owned here). */
@ApiTags('ebay-accounts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@Controller('ebay-accounts/:id/transactions')
export class TransactionsController {
  constructor(private readonly records: StoredRecordsService) {}

  @Get()
  @ApiUuidParam('id', 'The account’s id')
  @ApiOperation({
    summary: 'The account’s stored eBay Finances transactions',
    description:
      'The transactions as the last sync stored them from eBay’s Finances getTransactions (eBay is not asked now), ' +
      'newest first by transactionDate. transactionType and transactionStatus keep the transactions of that type ' +
      'or status; orderId those of one order; dateFrom and dateTo those dated within a range, both ends inclusive. ' +
      'Filters combine. Page by limit and offset (counted: total), or follow nextCursor with after= and the same ' +
      'filters (not counted: total is null). A disconnected account keeps its history.',
  })
  @ApiOkResponse({ type: StoredTransactionsPage })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description:
      'The id is not a UUID, or an invalid limit, offset, transactionType, transactionStatus, orderId or date; code ' +
      'invalid_date_range: dateFrom after dateTo; code invalid_cursor: after is not a nextCursor this service ' +
      'handed out; code cursor_with_offset: after with a non-zero offset',
  })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such account in the caller’s organisation' })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('id', ID_PARAM) id: string,
    @Query() query: ListTransactionsQuery,
  ): Promise<StoredTransactionsPage> {
    const page = await this.records.transactions(user, id, transactionFilterOf(query), pageRequestOf(query));
    return pageResponseOf(page, (transaction) => StoredTransactionResponse.from(transaction));
  }

  @Get(':transactionId')
  @ApiUuidParam('id', 'The account’s id')
  @ApiParam({
    name: 'transactionId',
    description: `eBay’s transactionId: ${EBAY_RECORD_ID_RULE}`,
    schema: { type: 'string', minLength: 1, maxLength: EBAY_RECORD_ID_MAX_LENGTH, pattern: EBAY_RECORD_ID.source, example: '512345678901' },
  })
  @ApiOperation({
    summary: 'One stored eBay Finances transaction',
    description: 'The transaction as the last sync stored it, with raw: the transaction exactly as eBay sent it.',
  })
  @ApiOkResponse({ type: StoredTransactionDetailResponse })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'The id is not a UUID; code invalid_transaction_id: transactionId is not one eBay could have written',
  })
  @ApiNotFoundResponse({
    type: ErrorResponse,
    description:
      'No such account in the caller’s organisation; code transaction_not_found: no stored transaction of the ' +
      'account has this transactionId',
  })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ID_PARAM) id: string,
    @Param('transactionId', TRANSACTION_ID_PARAM) transactionId: string,
  ): Promise<StoredTransactionDetailResponse> {
    return StoredTransactionDetailResponse.fromRecord(await this.records.transaction(user, id, transactionId));
  }
}
