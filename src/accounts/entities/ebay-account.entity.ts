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

export const ACCOUNT_PURPOSES = ['BUYING', 'SELLING', 'BOTH'] as const;
export type AccountPurpose = (typeof ACCOUNT_PURPOSES)[number];

/**
 * One connected eBay account of an organisation. Foreign keys name other modules' tables,
 * never their entity classes, so entities do not tie modules together.
 */
@Entity({ name: 'ebay_accounts' })
@Unique('uq_ebay_accounts_org_ebay_user', ['orgId', 'ebayUserId'])
@Index('uq_ebay_accounts_org_house_name_active', ['orgId', 'houseNameKey'], {
  unique: true,
  where: 'is_active',
})
// The list's order, per organisation and (administrators' all=true) across them.
@Index('ix_ebay_accounts_org_created', ['orgId', 'createdAt', 'id'])
@Index('ix_ebay_accounts_created', ['createdAt', 'id'])
@Index('ix_ebay_accounts_ebay_user_id', ['ebayUserId'])
@Check('ck_ebay_accounts_purpose', `purpose IN ('BUYING', 'SELLING', 'BOTH')`)
@Check('ck_ebay_accounts_deleted_inactive', 'deleted_at IS NULL OR NOT is_active')
export class EbayAccount {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ebay_accounts' })
  id!: string;

  @Column({ name: 'org_id', type: 'uuid' })
  @ForeignKey('users', { name: 'fk_ebay_accounts_org', onDelete: 'CASCADE' })
  orgId!: string;

  /** eBay's immutable user id (Identity getUser `userId`). */
  @Column({ name: 'ebay_user_id', type: 'text' })
  ebayUserId!: string;

  /** eBay's username, which can change; refreshed on reconnect. */
  @Column({ type: 'text', nullable: true })
  username!: string | null;

  @Column({ name: 'house_name', type: 'text' })
  houseName!: string;

  /**
   * houseNameKey(houseName), the form names are compared in; the repository sets it on every
   * write. Active accounts whose names already clashed when keys came in carry a
   * grandfathered `<key>#<id>` while they keep their name (migration HouseNameKey).
   */
  @Column({ name: 'house_name_key', type: 'text' })
  houseNameKey!: string;

  @Column({ type: 'text', default: 'BOTH' })
  purpose!: AccountPurpose;

  @Column({ name: 'marketplace_id', type: 'text', nullable: true })
  marketplaceId!: string | null;

  @Column({ name: 'site_id', type: 'integer', nullable: true })
  siteId!: number | null;

  @Column({ name: 'connected_at', type: 'timestamptz', default: () => 'now()' })
  connectedAt!: Date;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  /**
   * When eBay told us the user deleted their eBay account (Marketplace Account Deletion): the
   * row stays as a tombstone, inactive and erased of personal data, and is never reconnected.
   */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
