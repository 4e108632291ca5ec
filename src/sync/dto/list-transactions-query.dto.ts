import { ApiPropertyOptional } from '../../common/openapi/openapi-decorators';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { KeysetPageQuery } from '../../common/paging/page-query.dto';
import { ISO_INSTANT_RULE, IsIsoInstant } from '../../common/validation/is-iso-instant.decorator';
import {
  EBAY_RECORD_ID,
  EBAY_RECORD_ID_MAX_LENGTH,
  EBAY_RECORD_ID_RULE,
  TRANSACTION_STATUSES,
  TRANSACTION_TYPES,
  type TransactionStatus,
  type TransactionType,
} from '../ebay-record-vocabulary';
import type { TransactionFilter } from '../stored-transactions.repository';

export class ListTransactionsQuery extends KeysetPageQuery {
  @ApiPropertyOptional({ enum: TRANSACTION_TYPES, description: 'Only transactions of this transactionType' })
  @IsOptional()
  @IsIn(TRANSACTION_TYPES)
  transactionType?: TransactionType;

  @ApiPropertyOptional({ enum: TRANSACTION_STATUSES, description: 'Only transactions of this transactionStatus' })
  @IsOptional()
  @IsIn(TRANSACTION_STATUSES)
  transactionStatus?: TransactionStatus;

  @ApiPropertyOptional({
    type: String,
    minLength: 1,
    maxLength: EBAY_RECORD_ID_MAX_LENGTH,
    example: '12-34567-89012',
    description: `Only the transactions of this eBay order: ${EBAY_RECORD_ID_RULE}`,
  })
  @IsOptional()
  @IsString()
  @Matches(EBAY_RECORD_ID, { message: `orderId must be ${EBAY_RECORD_ID_RULE}` })
  orderId?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: `Only transactions dated at or after this instant: ${ISO_INSTANT_RULE}`,
  })
  @IsOptional()
  @IsIsoInstant()
  dateFrom?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: `Only transactions dated at or before this instant (inclusive; not before dateFrom): ${ISO_INSTANT_RULE}`,
  })
  @IsOptional()
  @IsIsoInstant()
  dateTo?: string;
}

/** The filter the query names. */
export function transactionFilterOf(query: ListTransactionsQuery): TransactionFilter {
  return {
    transactionType: query.transactionType,
    transactionStatus: query.transactionStatus,
    orderId: query.orderId,
    dateFrom: query.dateFrom,
    dateTo: query.dateTo,
  };
}
