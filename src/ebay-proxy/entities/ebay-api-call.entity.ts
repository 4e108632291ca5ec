import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One call a frontend made to eBay through the proxy (no token, body or query value). */
@Entity({ name: 'ebay_api_calls' })
@Index('ix_ebay_api_calls_account_called', ['ebayAccountId', 'calledAt', 'id'])
@Index('ix_ebay_api_calls_called_at', ['calledAt'])
@Index('ix_ebay_api_calls_user', ['userId'])
@Check('ck_ebay_api_calls_path_length', 'char_length(path) <= 2000')
export class EbayApiCall {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ebay_api_calls' })
  id!: string;

  @Column({ name: 'ebay_account_id', type: 'uuid' })
  @ForeignKey('ebay_accounts', { name: 'fk_ebay_api_calls_account', onDelete: 'CASCADE' })
  ebayAccountId!: string;

  /** Who made it; null once the user is deleted. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  @ForeignKey('users', { name: 'fk_ebay_api_calls_user', onDelete: 'SET NULL' })
  userId!: string | null;

  @Column({ type: 'text' })
  method!: string;

  /** The eBay path with the query's parameter names only (`/sell/fulfillment/v1/order?limit`). */
  @Column({ type: 'text' })
  path!: string;

  /** eBay's status, or the service's own refusal (413, 429, 502, 504…). */
  @Column({ type: 'integer' })
  status!: number;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ name: 'bytes_in', type: 'integer' })
  bytesIn!: number;

  @Column({ name: 'bytes_out', type: 'bigint' })
  bytesOut!: string;

  @Column({ name: 'called_at', type: 'timestamptz', default: () => 'now()' })
  calledAt!: Date;
}
