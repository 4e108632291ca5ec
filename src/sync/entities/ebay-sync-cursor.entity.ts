import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/**
 * How far an account's incremental sync of one resource has got, and the run in flight: a run
 * holds the row's lease (lease_id until lease_until) and only the holder moves the checkpoint.
 */
@Entity({ name: 'ebay_sync_cursors' })
@Unique('uq_ebay_sync_cursors_account_resource', ['ebayAccountId', 'resource'])
@Check('ck_ebay_sync_cursors_resource', `resource IN ('orders', 'transactions')`)
@Check('ck_ebay_sync_cursors_last_outcome', `last_outcome IN ('succeeded', 'failed')`)
@Check('ck_ebay_sync_cursors_skipped_reason', `skipped_reason IN ('reauth_required')`)
export class EbaySyncCursor {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ebay_sync_cursors' })
  id!: string;

  @Column({ name: 'ebay_account_id', type: 'uuid' })
  @ForeignKey('ebay_accounts', { name: 'fk_ebay_sync_cursors_account', onDelete: 'CASCADE' })
  ebayAccountId!: string;

  @Column({ type: 'text' })
  resource!: string;

  /** src/sync/sync-checkpoint.ts: where the next run starts, and a run that did not finish. */
  @Column({ type: 'jsonb', nullable: true })
  checkpoint!: Record<string, unknown> | null;

  @Column({ name: 'lease_id', type: 'uuid', nullable: true })
  leaseId!: string | null;

  /** A run whose replica died lets go of the pair after this. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'leased_by', type: 'text', nullable: true })
  leasedBy!: string | null;

  @Column({ name: 'running_since', type: 'timestamptz', nullable: true })
  runningSince!: Date | null;

  /** The run in flight: pages, fetched, upserted. */
  @Column({ type: 'jsonb', nullable: true })
  progress!: Record<string, unknown> | null;

  @Column({ name: 'last_started_at', type: 'timestamptz', nullable: true })
  lastStartedAt!: Date | null;

  @Column({ name: 'last_finished_at', type: 'timestamptz', nullable: true })
  lastFinishedAt!: Date | null;

  @Column({ name: 'last_outcome', type: 'text', nullable: true })
  lastOutcome!: string | null;

  @Column({ name: 'last_fetched', type: 'integer', nullable: true })
  lastFetched!: number | null;

  @Column({ name: 'last_upserted', type: 'integer', nullable: true })
  lastUpserted!: number | null;

  @Column({ name: 'last_ebay_calls', type: 'integer', nullable: true })
  lastEbayCalls!: number | null;

  /** The latest failed run's reason; kept after later successes, with its time. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true })
  lastErrorAt!: Date | null;

  /** Why the periodic sync passed the pair by, until a run starts again. */
  @Column({ name: 'skipped_reason', type: 'text', nullable: true })
  skippedReason!: string | null;

  @Column({ name: 'skipped_at', type: 'timestamptz', nullable: true })
  skippedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
