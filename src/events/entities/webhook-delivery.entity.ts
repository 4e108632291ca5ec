import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event for one endpoint: a job in PostgreSQL, created with the event. The dispatcher of
 * one replica holds it under a lease (lease_id until lease_until) while it makes an attempt.
 */
@Entity({ name: 'webhook_deliveries' })
@Unique('uq_webhook_deliveries_endpoint_event', ['endpointId', 'eventId'])
@Index('ix_webhook_deliveries_due', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('ix_webhook_deliveries_endpoint_created', ['endpointId', 'createdAt', 'id'])
@Index('ix_webhook_deliveries_event', ['eventId'])
@Check('ck_webhook_deliveries_status', `status IN ('pending', 'succeeded', 'failed')`)
@Check('ck_webhook_deliveries_pending_due', `(status = 'pending') = (next_attempt_at IS NOT NULL)`)
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_webhook_deliveries' })
  id!: string;

  @Column({ name: 'event_id', type: 'bigint' })
  @ForeignKey('events', { name: 'fk_webhook_deliveries_event', onDelete: 'CASCADE' })
  eventId!: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  @ForeignKey('webhook_endpoints', { name: 'fk_webhook_deliveries_endpoint', onDelete: 'CASCADE' })
  endpointId!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When the next attempt is due; null once succeeded or failed. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'lease_id', type: 'uuid', nullable: true })
  leaseId!: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
