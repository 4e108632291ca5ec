import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The outcome of one check of an account against eBay. */
@Entity({ name: 'ebay_health_events' })
@Index('ix_ebay_health_events_account_checked', ['ebayAccountId', 'checkedAt'])
@Index('ix_ebay_health_events_checked_at', ['checkedAt'])
export class EbayHealthEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ebay_health_events' })
  id!: string;

  @Column({ name: 'ebay_account_id', type: 'uuid' })
  @ForeignKey('ebay_accounts', { name: 'fk_ebay_health_events_account', onDelete: 'CASCADE' })
  ebayAccountId!: string;

  @Column({ name: 'checked_at', type: 'timestamptz', default: () => 'now()' })
  checkedAt!: Date;

  @Column({ name: 'is_healthy', type: 'boolean' })
  isHealthy!: boolean;

  @Column({ name: 'http_status', type: 'integer', nullable: true })
  httpStatus!: number | null;

  /** eBay's response status (`Success`, `Failure`, …) where the API reports one. */
  @Column({ type: 'text', nullable: true })
  ack!: string | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'response_time_ms', type: 'integer', nullable: true })
  responseTimeMs!: number | null;
}
