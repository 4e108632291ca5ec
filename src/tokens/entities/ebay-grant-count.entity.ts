import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

export const COUNTED_GRANT_TYPES = ['refresh_token', 'authorization_code'] as const;
export type CountedGrantType = (typeof COUNTED_GRANT_TYPES)[number];

/** Grants the app made at eBay's token endpoint in one eBay quota day, by every replica. */
@Entity({ name: 'ebay_grant_counts' })
@Check('ck_ebay_grant_counts_grant_type', `grant_type IN ('refresh_token', 'authorization_code')`)
export class EbayGrantCount {
  /** The day in America/Los_Angeles, where eBay's quota day starts at midnight. */
  @PrimaryColumn({ name: 'quota_day', type: 'date', primaryKeyConstraintName: 'pk_ebay_grant_counts' })
  quotaDay!: string;

  @PrimaryColumn({ name: 'grant_type', type: 'text', primaryKeyConstraintName: 'pk_ebay_grant_counts' })
  grantType!: CountedGrantType;

  @Column({ type: 'integer', default: 0 })
  grants!: number;

  /** The highest share (0, 80, 100 %) of the day's refresh grants a quota.warning was sent for. */
  @Column({ name: 'warned_percent', type: 'integer', default: 0 })
  warnedPercent!: number;
}
