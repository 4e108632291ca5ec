import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const RUN_STOPS = ['claim_failed', 'quota'] as const;
export type RunStop = (typeof RUN_STOPS)[number];

/** One run of the background refresher on one replica; kept 7 days. */
@Entity({ name: 'token_refresh_runs' })
@Index('ix_token_refresh_runs_finished_at', ['finishedAt'])
@Check('ck_token_refresh_runs_replica_length', 'char_length(replica) <= 200')
@Check('ck_token_refresh_runs_stopped_by', `stopped_by IN ('claim_failed', 'quota')`)
export class TokenRefreshRun {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_token_refresh_runs' })
  id!: string;

  /** Which replica ran it: host name (the pod's, in Kubernetes) and process id. */
  @Column({ type: 'text' })
  replica!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  /** Null while it runs (or if its replica died during it). */
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  claimed!: number;

  @Column({ type: 'integer', default: 0 })
  refreshed!: number;

  @Column({ type: 'integer', default: 0 })
  failed!: number;

  @Column({ type: 'integer', default: 0 })
  returned!: number;

  /** Why it stopped claiming before nothing was due, if it did. */
  @Column({ name: 'stopped_by', type: 'text', nullable: true })
  stoppedBy!: RunStop | null;
}
