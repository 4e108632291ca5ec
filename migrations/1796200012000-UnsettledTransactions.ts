import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each transactions sync reads again from the oldest stored transaction whose status is not
 * final (getTransactions finds transactions by booking date, which a status change does not
 * move). A partial index holds just those rows, so finding the oldest is one index probe, not a
 * walk over an account's 90 days of transactions.
 */
export class UnsettledTransactions1796200012000 implements MigrationInterface {
  name = 'UnsettledTransactions1796200012000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_ebay_transactions_account_unsettled" ON "ebay_transactions" ("ebay_account_id", "transaction_date")
        WHERE transaction_status IN ('FUNDS_ON_HOLD', 'FUNDS_PROCESSING', 'FUNDS_AVAILABLE_FOR_PAYOUT')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_ebay_transactions_account_unsettled"`);
  }
}
