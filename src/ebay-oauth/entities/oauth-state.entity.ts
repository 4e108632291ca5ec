import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/**
 * A pending connect: the OAuth `state` (stored as a SHA-256 hash, never in clear), the user
 * who asked, and the options they asked with. Single use, short-lived.
 */
@Entity({ name: 'oauth_states' })
@Unique('uq_oauth_states_state_hash', ['stateHash'])
@Index('ix_oauth_states_expires_at', ['expiresAt'])
export class OAuthState {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_oauth_states' })
  id!: string;

  @Column({ name: 'state_hash', type: 'text' })
  stateHash!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey('users', { name: 'fk_oauth_states_user', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ name: 'house_name', type: 'text', nullable: true })
  houseName!: string | null;

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ name: 'marketplace_id', type: 'text', nullable: true })
  marketplaceId!: string | null;

  @Column({ type: 'text', nullable: true })
  prompt!: string | null;

  /** SHA-256 (hex) of the secret in the starting browser's cookie; null for API clients' connects. */
  @Column({ name: 'browser_binding_hash', type: 'text', nullable: true })
  browserBindingHash!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
