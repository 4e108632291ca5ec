import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hit counts of the rate limits (login, register, forced refresh), shared by every replica.
 * Keys are `<limit name>:<sha256 hex>`, never raw input; the check keeps it that way.
 */
export class RateLimits1796200001000 implements MigrationInterface {
  name = 'RateLimits1796200001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rate_limits" (
        "key" text NOT NULL,
        "hits" integer NOT NULL,
        "is_blocked" boolean NOT NULL DEFAULT false,
        "resets_at" timestamptz NOT NULL,
        CONSTRAINT "pk_rate_limits" PRIMARY KEY ("key"),
        CONSTRAINT "ck_rate_limits_key_length" CHECK (char_length(key) <= 100)
      )`);
    // The sweeper deletes rows whose window or block has ended.
    await queryRunner.query(`CREATE INDEX "ix_rate_limits_resets_at" ON "rate_limits" ("resets_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limits"`);
  }
}
