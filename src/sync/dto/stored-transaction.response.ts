import { ApiExtraModels, ApiProperty } from '../../common/openapi/openapi-decorators';
import type { EbayTransaction } from '../entities/ebay-transaction.entity';
import { TRANSACTION_STATUSES, TRANSACTION_TYPES } from '../ebay-record-vocabulary';
import type { StoredTransaction } from '../stored-transactions.repository';
import { AMOUNT_OR_NULL, AmountResponse } from './amount.response';

/** One of an account's Finances transactions as the last sync stored it (Finances getTransactions). */
@ApiExtraModels(AmountResponse)
export class StoredTransactionResponse {
  @ApiProperty({ example: '512345678901' })
  transactionId!: string;

  @ApiProperty({ example: 'SALE', description: `As eBay sent it: ${TRANSACTION_TYPES.join(', ')}` })
  transactionType!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'FUNDS_AVAILABLE_FOR_PAYOUT',
    description: `As eBay sent it: ${TRANSACTION_STATUSES.join(', ')}; null when eBay sent none`,
  })
  transactionStatus!: string | null;

  @ApiProperty({ format: 'date-time' })
  transactionDate!: string;

  @ApiProperty({ ...AMOUNT_OR_NULL, description: 'null when eBay sent none' })
  amount!: AmountResponse | null;

  @ApiProperty({ type: String, nullable: true, example: 'CREDIT', description: 'CREDIT (to the seller) or DEBIT, as eBay sent it' })
  bookingEntry!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '12-34567-89012',
    description: 'The order it belongs to; null for charges of no order (a monthly store fee)',
  })
  orderId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'buyer1' })
  buyerUsername!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When a sync last wrote the transaction' })
  syncedAt!: string;

  static from(transaction: StoredTransaction): StoredTransactionResponse {
    return {
      transactionId: transaction.transactionId,
      transactionType: transaction.transactionType,
      transactionStatus: transaction.transactionStatus,
      transactionDate: transaction.transactionDate.toISOString(),
      amount: AmountResponse.of(transaction.amountValue, transaction.amountCurrency),
      bookingEntry: transaction.bookingEntry,
      orderId: transaction.orderId,
      buyerUsername: transaction.buyerUsername,
      syncedAt: transaction.syncedAt.toISOString(),
    };
  }
}

/** One stored transaction with the transaction exactly as eBay sent it. */
export class StoredTransactionDetailResponse extends StoredTransactionResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The transaction exactly as eBay’s getTransactions answered it at the last sync',
  })
  raw!: Record<string, unknown>;

  static fromRecord(transaction: EbayTransaction): StoredTransactionDetailResponse {
    return { ...StoredTransactionResponse.from(transaction), raw: transaction.raw };
  }
}

export class StoredTransactionsPage {
  @ApiProperty({ type: [StoredTransactionResponse], description: 'Newest first' })
  items!: StoredTransactionResponse[];

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'How many stored transactions the filter matches in all; null on keyset pages (after=): they skip the count',
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
