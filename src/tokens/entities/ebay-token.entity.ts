import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

export const TOKEN_STATUSES = ['active', 'reauth_required'] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

/**
 * An account's OAuth tokens, encrypted (the columns hold ciphertext, never a token), and the
 * state of their refresh schedule. The tokens module knows the account only by its id.
 */
@Entity({ name: 'ebay_tokens' })
@Unique('uq_ebay_tokens_account', ['ebayAccountId'])
@Index('ix_ebay_tokens_due', ['nextRefreshAt'], { where: `status = 'active'` })
@Check('ck_ebay_tokens_status', `status IN ('active', 'reauth_required')`)
export class EbayToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ebay_tokens' })
  id!: string;

  @Column({ name: 'ebay_account_id', type: 'uuid' })
  @ForeignKey('ebay_accounts', { name: 'fk_ebay_tokens_account', onDelete: 'CASCADE' })
  ebayAccountId!: string;

  /** Ciphertext; null once the account is disconnected. */
  @Column({ name: 'access_token', type: 'text', nullable: true })
  accessToken!: string | null;

  /** Ciphertext; null once the account is disconnected. */
  @Column({ name: 'refresh_token', type: 'text', nullable: true })
  refreshToken!: string | null;

  @Column({ name: 'token_type', type: 'text', default: 'Bearer' })
  tokenType!: string;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_refreshed_at', type: 'timestamptz', nullable: true })
  lastRefreshedAt!: Date | null;

  @Column({ name: 'refresh_error', type: 'text', nullable: true })
  refreshError!: string | null;

  @Column({ type: 'text', default: 'active' })
  status!: TokenStatus;

  @Column({ name: 'refresh_token_expires_at', type: 'timestamptz', nullable: true })
  refreshTokenExpiresAt!: Date | null;

  @Column({ name: 'refresh_failures', type: 'integer', default: 0 })
  refreshFailures!: number;

  /** When the background refresher should next refresh this token; null: never. */
  @Column({ name: 'next_refresh_at', type: 'timestamptz', nullable: true })
  nextRefreshAt!: Date | null;

  /**
   * When the account was last used (connected, or a token handed out for an eBay call); with
   * TOKEN_REFRESH_POLICY=active only tokens used within the warm window are kept warm.
   * Written at most once every few minutes per replica, so it is that coarse.
   */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /** When account.refresh_failing was sent for the current run of failures; null otherwise. */
  @Column({ name: 'refresh_failing_since', type: 'timestamptz', nullable: true })
  refreshFailingSince!: Date | null;

  /** The refresh attempt that holds the lease (TokenRefresher); null: nobody is refreshing. */
  @Column({ name: 'refresh_lease_id', type: 'uuid', nullable: true })
  refreshLeaseId!: string | null;

  /** The lease ends here (database time); a holder that crashed loses it then. */
  @Column({ name: 'refresh_lease_until', type: 'timestamptz', nullable: true })
  refreshLeaseUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
