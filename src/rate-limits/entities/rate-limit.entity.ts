import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One key's hits in its current window. Past the limit the key is blocked until `resetsAt`
 * and counts nothing more; once `resetsAt` has passed the row means nothing and is deleted.
 */
@Entity({ name: 'rate_limits' })
@Index('ix_rate_limits_resets_at', ['resetsAt'])
@Check('ck_rate_limits_key_length', 'char_length(key) <= 100')
export class RateLimit {
  /** `<limit name>:<sha256 hex of the identity>`: bounded whatever a caller sends. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_rate_limits' })
  key!: string;

  @Column({ type: 'integer' })
  hits!: number;

  @Column({ name: 'is_blocked', type: 'boolean', default: false })
  isBlocked!: boolean;

  /** When the window ends, or the block when the key is blocked. */
  @Column({ name: 'resets_at', type: 'timestamptz' })
  resetsAt!: Date;
}
