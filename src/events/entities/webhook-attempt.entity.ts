import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One POST of a delivery and what came of it. */
@Entity({ name: 'webhook_attempts' })
@Index('ix_webhook_attempts_delivery', ['deliveryId', 'attemptedAt'])
@Check('ck_webhook_attempts_body_length', `octet_length(response_body) <= 1024`)
export class WebhookAttempt {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_webhook_attempts' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  @ForeignKey('webhook_deliveries', { name: 'fk_webhook_attempts_delivery', onDelete: 'CASCADE' })
  deliveryId!: string;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt!: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  /** Null: no response (timeout, connection error, refused target). */
  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The first KiB of what the receiver answered. */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;
}
