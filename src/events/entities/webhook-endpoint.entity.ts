import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const DISABLED_REASONS = ['by_user', 'gone', 'failing'] as const;
/** by_user: PATCH enabled=false; gone: the receiver answered 410; failing: only failures for days. */
export type DisabledReason = (typeof DISABLED_REASONS)[number];

/** An organisation's webhook receiver. The secret columns hold ciphertext, never a secret. */
@Entity({ name: 'webhook_endpoints' })
@Index('ix_webhook_endpoints_org_created', ['orgId', 'createdAt', 'id'])
@Check('ck_webhook_endpoints_disabled_reason', `disabled_reason IS NULL OR disabled_reason IN ('by_user', 'gone', 'failing')`)
@Check('ck_webhook_endpoints_previous_secret', `(previous_secret IS NULL) = (previous_secret_until IS NULL)`)
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_webhook_endpoints' })
  id!: string;

  @Column({ name: 'org_id', type: 'uuid' })
  @ForeignKey('users', { name: 'fk_webhook_endpoints_org', onDelete: 'CASCADE' })
  orgId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Empty: every type. */
  @Column({ name: 'event_types', type: 'text', array: true, default: () => "'{}'" })
  eventTypes!: string[];

  @Column({ name: 'is_enabled', type: 'boolean', default: true })
  isEnabled!: boolean;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: DisabledReason | null;

  @Column({ type: 'text' })
  secret!: string;

  /** The secret a rotation replaced, still signing beside the new one until previousSecretUntil. */
  @Column({ name: 'previous_secret', type: 'text', nullable: true })
  previousSecret!: string | null;

  @Column({ name: 'previous_secret_until', type: 'timestamptz', nullable: true })
  previousSecretUntil!: Date | null;

  /** The first failed attempt since the last success; null while deliveries succeed. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
