import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * One account's place in a check round: free, claimed by a replica (until a lease ends), or
 * checked, with the event that check recorded (none for an account disconnected meanwhile).
 */
@Entity({ name: 'ebay_health_check_claims' })
@Index('ix_ebay_health_check_claims_open', ['roundId', 'ebayAccountId'], { where: 'checked_at IS NULL' })
@Index('ix_ebay_health_check_claims_account', ['ebayAccountId'])
@Index('ix_ebay_health_check_claims_event', ['eventId'])
export class EbayHealthCheckClaim {
  @PrimaryColumn({ name: 'round_id', type: 'uuid', primaryKeyConstraintName: 'pk_ebay_health_check_claims' })
  @ForeignKey('ebay_health_check_rounds', { name: 'fk_ebay_health_check_claims_round', onDelete: 'CASCADE' })
  roundId!: string;

  @PrimaryColumn({ name: 'ebay_account_id', type: 'uuid', primaryKeyConstraintName: 'pk_ebay_health_check_claims' })
  @ForeignKey('ebay_accounts', { name: 'fk_ebay_health_check_claims_account', onDelete: 'CASCADE' })
  ebayAccountId!: string;

  /** Which claim holds it: only that claim's check may mark it checked. */
  @Column({ name: 'claim_id', type: 'uuid', nullable: true })
  claimId!: string | null;

  /** The replica that claimed it (host and process). */
  @Column({ name: 'claimed_by', type: 'text', nullable: true })
  claimedBy!: string | null;

  /** A claim whose replica died is free again after this. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true })
  checkedAt!: Date | null;

  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  @ForeignKey('ebay_health_events', { name: 'fk_ebay_health_check_claims_event', onDelete: 'SET NULL' })
  eventId!: string | null;
}
