import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account list pages in (created_at, id) order, by offset or by keyset cursor. Without
 * these, every page sorted the whole organisation (or, for administrators' all=true, the
 * whole table) before it could skip to the page; with them a page reads its own rows off the
 * index, and a cursor's `(created_at, id) > (…)` starts at its position in it.
 */
export class AccountPagingIndexes1796200003000 implements MigrationInterface {
  name = 'AccountPagingIndexes1796200003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_ebay_accounts_org_created" ON "ebay_accounts" ("org_id", "created_at", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_ebay_accounts_created" ON "ebay_accounts" ("created_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_ebay_accounts_created"`);
    await queryRunner.query(`DROP INDEX "ix_ebay_accounts_org_created"`);
  }
}
