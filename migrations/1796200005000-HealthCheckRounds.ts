import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The periodic health check, run by every replica, checks each active account once per round.
 * A round is named by the scheduled time it belongs to (unique, so the replicas that reach it
 * together make one row) and is created together with one claim row per active account. Each
 * replica claims accounts one at a time (`FOR UPDATE SKIP LOCKED`, a lease in the row), checks
 * it with no transaction open, and marks the claim checked in the statement that records the
 * event. Events get an index on checked_at for their pruning.
 */
export class HealthCheckRounds1796200005000 implements MigrationInterface {
  name = 'HealthCheckRounds1796200005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ebay_health_check_rounds" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "scheduled_at" timestamptz NOT NULL,
        "started_by" text NOT NULL,
        "account_count" integer NOT NULL,
        "started_at" timestamptz NOT NULL DEFAULT now(),
        "finished_at" timestamptz,
        CONSTRAINT "pk_ebay_health_check_rounds" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ebay_health_check_rounds_scheduled_at" UNIQUE ("scheduled_at")
      )`);
    await queryRunner.query(`
      CREATE TABLE "ebay_health_check_claims" (
        "round_id" uuid NOT NULL,
        "ebay_account_id" uuid NOT NULL,
        "claim_id" uuid,
        "claimed_by" text,
        "claimed_until" timestamptz,
        "checked_at" timestamptz,
        "event_id" uuid,
        CONSTRAINT "pk_ebay_health_check_claims" PRIMARY KEY ("round_id", "ebay_account_id"),
        CONSTRAINT "fk_ebay_health_check_claims_round" FOREIGN KEY ("round_id")
          REFERENCES "ebay_health_check_rounds" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_ebay_health_check_claims_account" FOREIGN KEY ("ebay_account_id")
          REFERENCES "ebay_accounts" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_ebay_health_check_claims_event" FOREIGN KEY ("event_id")
          REFERENCES "ebay_health_events" ("id") ON DELETE SET NULL
      )`);
    // What a claim reads: the round's accounts not checked yet, in key order.
    await queryRunner.query(`
      CREATE INDEX "ix_ebay_health_check_claims_open" ON "ebay_health_check_claims" ("round_id", "ebay_account_id")
        WHERE checked_at IS NULL`);
    // Deleting an account or pruning an event finds its claims without reading them all.
    await queryRunner.query(
      `CREATE INDEX "ix_ebay_health_check_claims_account" ON "ebay_health_check_claims" ("ebay_account_id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_ebay_health_check_claims_event" ON "ebay_health_check_claims" ("event_id")`);
    await queryRunner.query(`CREATE INDEX "ix_ebay_health_events_checked_at" ON "ebay_health_events" ("checked_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_ebay_health_events_checked_at"`);
    await queryRunner.query(`DROP TABLE "ebay_health_check_claims"`);
    await queryRunner.query(`DROP TABLE "ebay_health_check_rounds"`);
  }
}
