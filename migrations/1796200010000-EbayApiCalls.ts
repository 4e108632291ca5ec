import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit of calls frontends make to eBay through the proxy: who, which account, which
 * method and path (query parameter names only, never their values), what eBay answered, how
 * many attempts and bytes, how long. Never a token or a body. Kept EBAY_API_CALLS_RETENTION_DAYS.
 */
export class EbayApiCalls1796200010000 implements MigrationInterface {
  name = 'EbayApiCalls1796200010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ebay_api_calls" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "ebay_account_id" uuid NOT NULL,
        "user_id" uuid,
        "method" text NOT NULL,
        "path" text NOT NULL,
        "status" integer NOT NULL,
        "attempts" integer NOT NULL,
        "duration_ms" integer NOT NULL,
        "bytes_in" integer NOT NULL,
        "bytes_out" bigint NOT NULL,
        "called_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_ebay_api_calls" PRIMARY KEY ("id"),
        CONSTRAINT "fk_ebay_api_calls_account" FOREIGN KEY ("ebay_account_id")
          REFERENCES "ebay_accounts" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_ebay_api_calls_user" FOREIGN KEY ("user_id")
          REFERENCES "users" ("id") ON DELETE SET NULL,
        CONSTRAINT "ck_ebay_api_calls_path_length" CHECK (char_length(path) <= 2000)
      )`);
    // An account's calls newest first (keyset), and the retention prune.
    await queryRunner.query(
      `CREATE INDEX "ix_ebay_api_calls_account_called" ON "ebay_api_calls" ("ebay_account_id", "called_at", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_ebay_api_calls_called_at" ON "ebay_api_calls" ("called_at")`);
    await queryRunner.query(`CREATE INDEX "ix_ebay_api_calls_user" ON "ebay_api_calls" ("user_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ebay_api_calls"`);
  }
}
