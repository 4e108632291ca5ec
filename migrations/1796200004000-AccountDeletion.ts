import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marketplace Account Deletion. An account whose eBay user deleted their eBay account becomes
 * a tombstone: `deleted_at` set, never active again, its personal data erased. Notifications
 * name an eBay user, not an organisation, so accounts are found by `ebay_user_id` alone; eBay
 * sends them for every closed eBay account, ours or not, so that lookup needs its own index.
 * `ebay_account_deletions` is the audit of erasures done: the notification, the eBay user and
 * the time, nothing else; its key makes a notification eBay sends again a no-op.
 */
export class AccountDeletion1796200004000 implements MigrationInterface {
  name = 'AccountDeletion1796200004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ebay_accounts" ADD "deleted_at" timestamptz`);
    await queryRunner.query(`
      ALTER TABLE "ebay_accounts"
        ADD CONSTRAINT "ck_ebay_accounts_deleted_inactive" CHECK (deleted_at IS NULL OR NOT is_active)`);
    await queryRunner.query(`CREATE INDEX "ix_ebay_accounts_ebay_user_id" ON "ebay_accounts" ("ebay_user_id")`);
    await queryRunner.query(`
      CREATE TABLE "ebay_account_deletions" (
        "notification_id" text NOT NULL,
        "ebay_user_id" text NOT NULL,
        "erased_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_ebay_account_deletions" PRIMARY KEY ("notification_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ebay_account_deletions"`);
    await queryRunner.query(`DROP INDEX "ix_ebay_accounts_ebay_user_id"`);
    await queryRunner.query(`ALTER TABLE "ebay_accounts" DROP CONSTRAINT "ck_ebay_accounts_deleted_inactive"`);
    await queryRunner.query(`ALTER TABLE "ebay_accounts" DROP COLUMN "deleted_at"`);
  }
}
