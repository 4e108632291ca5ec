import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One of an account's eBay orders as the last sync saw it: key fields, and the order as eBay sent it. */
@Entity({ name: 'ebay_orders' })
@Unique('uq_ebay_orders_account_order', ['ebayAccountId', 'orderId'])
@Index('ix_ebay_orders_account_created', ['ebayAccountId', 'creationDate', 'id'])
@Index('ix_ebay_orders_account_modified', ['ebayAccountId', 'lastModifiedDate'])
@Index('ix_ebay_orders_account_fulfillment', ['ebayAccountId', 'fulfillmentStatus', 'creationDate', 'id'])
@Index('ix_ebay_orders_account_payment', ['ebayAccountId', 'paymentStatus', 'creationDate', 'id'])
@Index('ix_ebay_orders_buyer_username', ['buyerUsername'])
export class EbayOrder {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ebay_orders' })
  id!: string;

  @Column({ name: 'ebay_account_id', type: 'uuid' })
  @ForeignKey('ebay_accounts', { name: 'fk_ebay_orders_account', onDelete: 'CASCADE' })
  ebayAccountId!: string;

  @Column({ name: 'order_id', type: 'text' })
  orderId!: string;

  @Column({ name: 'creation_date', type: 'timestamptz' })
  creationDate!: Date;

  @Column({ name: 'last_modified_date', type: 'timestamptz' })
  lastModifiedDate!: Date;

  @Column({ name: 'fulfillment_status', type: 'text' })
  fulfillmentStatus!: string;

  @Column({ name: 'payment_status', type: 'text' })
  paymentStatus!: string;

  /** pricingSummary.total, exactly as eBay wrote it (numeric keeps "12.90" as 12.90). */
  @Column({ name: 'total_value', type: 'numeric', nullable: true })
  totalValue!: string | null;

  @Column({ name: 'total_currency', type: 'text', nullable: true })
  totalCurrency!: string | null;

  @Column({ name: 'buyer_username', type: 'text', nullable: true })
  buyerUsername!: string | null;

  @Column({ type: 'jsonb' })
  raw!: Record<string, unknown>;

  /** When a sync last wrote the row (inserted, or changed on eBay). */
  @Column({ name: 'synced_at', type: 'timestamptz', default: () => 'now()' })
  syncedAt!: Date;
}
