import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/**
 * The scopes an account's owner consented to: part of the grant behind the refresh token.
 * eBay's token responses carry no scope, so this is the only record of them, and a refresh
 * must never ask for more. Owned by the tokens module, which sends them on every refresh.
 */
@Entity({ name: 'ebay_authorizations' })
@Unique('uq_ebay_authorizations_account', ['ebayAccountId'])
export class EbayAuthorization {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ebay_authorizations' })
  id!: string;

  @Column({ name: 'ebay_account_id', type: 'uuid' })
  @ForeignKey('ebay_accounts', { name: 'fk_ebay_authorizations_account', onDelete: 'CASCADE' })
  ebayAccountId!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopes!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
