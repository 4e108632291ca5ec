import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/** How far an account's incremental sync of one resource (orders, transactions…) has got. */
@Entity({ name: 'ebay_sync_cursors' })
@Unique('uq_ebay_sync_cursors_account_resource', ['ebayAccountId', 'resource'])
export class EbaySyncCursor {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ebay_sync_cursors' })
  id!: string;

  @Column({ name: 'ebay_account_id', type: 'uuid' })
  @ForeignKey('ebay_accounts', { name: 'fk_ebay_sync_cursors_account', onDelete: 'CASCADE' })
  ebayAccountId!: string;

  @Column({ type: 'text' })
  resource!: string;

  @Column({ type: 'jsonb', nullable: true })
  checkpoint!: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
