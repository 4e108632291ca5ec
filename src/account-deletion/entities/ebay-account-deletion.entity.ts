import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The audit of one erasure: which notification, which eBay user, when. Nothing else is kept
 * about a deleted user; the key makes a notification that eBay sends again a no-op.
 */
@Entity({ name: 'ebay_account_deletions' })
export class EbayAccountDeletion {
  @PrimaryColumn({ name: 'notification_id', type: 'text', primaryKeyConstraintName: 'pk_ebay_account_deletions' })
  notificationId!: string;

  @Column({ name: 'ebay_user_id', type: 'text' })
  ebayUserId!: string;

  @Column({ name: 'erased_at', type: 'timestamptz', default: () => 'now()' })
  erasedAt!: Date;
}
