import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refresh lease on each token row: which attempt is refreshing it and until when. It
 * replaces a row lock held across the call to eBay, so no transaction or pooled connection
 * waits while eBay answers; a lease whose holder crashed simply runs out.
 */
export class TokenRefreshLease1796200000000 implements MigrationInterface {
  name = 'TokenRefreshLease1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "ebay_tokens"
        ADD COLUMN "refresh_lease_id" uuid,
        ADD COLUMN "refresh_lease_until" timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "ebay_tokens"
        DROP COLUMN "refresh_lease_until",
        DROP COLUMN "refresh_lease_id"`);
  }
}
