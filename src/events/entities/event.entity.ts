import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One thing that happened, written in the transaction of the change it reports (the outbox):
 * rolled back with it, committed with it. Ids grow in the order events commit (writers take a
 * transaction lock first, src/events/event.repository.ts), so "everything after id N" misses none.
 */
@Entity({ name: 'events' })
@Index('ix_events_org', ['orgId', 'id'])
@Index('ix_events_account', ['ebayAccountId', 'id'])
@Index('ix_events_occurred_at', ['occurredAt'])
export class EventRecord {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_events' })
  id!: string;

  /** Null: it concerns every organisation (eBay's app-wide quota). */
  @Column({ name: 'org_id', type: 'uuid', nullable: true })
  @ForeignKey('users', { name: 'fk_events_org', onDelete: 'CASCADE' })
  orgId!: string | null;

  @Column({ name: 'ebay_account_id', type: 'uuid', nullable: true })
  @ForeignKey('ebay_accounts', { name: 'fk_events_account', onDelete: 'CASCADE' })
  ebayAccountId!: string | null;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;
}
