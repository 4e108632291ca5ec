import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One of an account's Finances transactions as the last sync saw it. */
@Entity({ name: 'ebay_transactions' })
@Unique('uq_ebay_transactions_account_transaction', ['ebayAccountId', 'transactionId'])
@Index('ix_ebay_transactions_account_date', ['ebayAccountId', 'transactionDate', 'id'])
@Index('ix_ebay_transactions_account_type', ['ebayAccountId', 'transactionType', 'transactionDate', 'id'])
@Index('ix_ebay_transactions_account_order', ['ebayAccountId', 'orderId'])
@Index('ix_ebay_transactions_buyer_username', ['buyerUsername'])
// The sync's re-read of transactions not yet final (TransactionSource.oldestUnsettled).
@Index('ix_ebay_transactions_account_unsettled', ['ebayAccountId', 'transactionDate'], {
  where: `transaction_status IN ('FUNDS_ON_HOLD', 'FUNDS_PROCESSING', 'FUNDS_AVAILABLE_FOR_PAYOUT')`,
})
export class EbayTransaction {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ebay_transactions' })
  id!: string;

  @Column({ name: 'ebay_account_id', type: 'uuid' })
  @ForeignKey('ebay_accounts', { name: 'fk_ebay_transactions_account', onDelete: 'CASCADE' })
  ebayAccountId!: string;

  @Column({ name: 'transaction_id', type: 'text' })
  transactionId!: string;

  @Column({ name: 'transaction_type', type: 'text' })
  transactionType!: string;

  @Column({ name: 'transaction_status', type: 'text', nullable: true })
  transactionStatus!: string | null;

  @Column({ name: 'transaction_date', type: 'timestamptz' })
  transactionDate!: Date;

  @Column({ name: 'amount_value', type: 'numeric', nullable: true })
  amountValue!: string | null;

  @Column({ name: 'amount_currency', type: 'text', nullable: true })
  amountCurrency!: string | null;

  @Column({ name: 'booking_entry', type: 'text', nullable: true })
  bookingEntry!: string | null;

  /** Absent on charges that belong to no order. */
  @Column({ name: 'order_id', type: 'text', nullable: true })
  orderId!: string | null;

  @Column({ name: 'buyer_username', type: 'text', nullable: true })
  buyerUsername!: string | null;

  @Column({ type: 'jsonb' })
  raw!: Record<string, unknown>;

  @Column({ name: 'synced_at', type: 'timestamptz', default: () => 'now()' })
  syncedAt!: Date;
}
