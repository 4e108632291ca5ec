import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the refresher needs to stay within eBay's quota and to be seen working:
 * - ebay_tokens.last_used_at: when the account was last used (TOKEN_REFRESH_POLICY=active keeps
 *   only recently used tokens warm). Tokens connected before this migration count as used now,
 *   so none of them goes cold the day this lands.
 * - ebay_grant_counts: grants made per eBay quota day and grant type, by every replica.
 * - token_refresh_runs: each refresher run, written when it starts and when it ends (kept 7 days).
 */
export class RefresherRunsAndQuota1796200006000 implements MigrationInterface {
  name = 'RefresherRunsAndQuota1796200006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ebay_tokens" ADD "last_used_at" timestamptz`);
    await queryRunner.query(`UPDATE "ebay_tokens" SET "last_used_at" = now() WHERE "refresh_token" IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE "ebay_grant_counts" (
        "quota_day" date NOT NULL,
        "grant_type" text NOT NULL,
        "grants" integer NOT NULL DEFAULT 0,
        CONSTRAINT "pk_ebay_grant_counts" PRIMARY KEY ("quota_day", "grant_type"),
        CONSTRAINT "ck_ebay_grant_counts_grant_type" CHECK (grant_type IN ('refresh_token', 'authorization_code'))
      )`);
    await queryRunner.query(`
      CREATE TABLE "token_refresh_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "replica" text NOT NULL,
        "started_at" timestamptz NOT NULL,
        "finished_at" timestamptz,
        "claimed" integer NOT NULL DEFAULT 0,
        "refreshed" integer NOT NULL DEFAULT 0,
        "failed" integer NOT NULL DEFAULT 0,
        "returned" integer NOT NULL DEFAULT 0,
        "stopped_by" text,
        CONSTRAINT "pk_token_refresh_runs" PRIMARY KEY ("id"),
        CONSTRAINT "ck_token_refresh_runs_replica_length" CHECK (char_length(replica) <= 200),
        CONSTRAINT "ck_token_refresh_runs_stopped_by" CHECK (stopped_by IN ('claim_failed', 'quota'))
      )`);
    // The last run (health, overview) and the 7-day prune.
    await queryRunner.query(`CREATE INDEX "ix_token_refresh_runs_finished_at" ON "token_refresh_runs" ("finished_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "token_refresh_runs"`);
    await queryRunner.query(`DROP TABLE "ebay_grant_counts"`);
    await queryRunner.query(`ALTER TABLE "ebay_tokens" DROP COLUMN "last_used_at"`);
  }
}
