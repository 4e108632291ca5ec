import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One round of the periodic health check, named by the scheduled run it belongs to: every
 * replica that reaches that run joins the same row. Kept for a week (see HealthCheckRound).
 */
@Entity({ name: 'ebay_health_check_rounds' })
@Unique('uq_ebay_health_check_rounds_scheduled_at', ['scheduledAt'])
export class EbayHealthCheckRound {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ebay_health_check_rounds' })
  id!: string;

  @Column({ name: 'scheduled_at', type: 'timestamptz' })
  scheduledAt!: Date;

  /** The replica that created the round (and pruned the history). */
  @Column({ name: 'started_by', type: 'text' })
  startedBy!: string;

  /** How many accounts the round covers: those active when it began. */
  @Column({ name: 'account_count', type: 'integer' })
  accountCount!: number;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  /** When its last account was checked; null while some are left. */
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
