import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the service tells frontends: the event log (a transactional outbox, written in the
 * transaction of the change it reports), the organisations' webhook endpoints (secrets
 * encrypted), one delivery per event and endpoint (a job claimed under a lease) and each
 * delivery's attempts. Also what the event writers need to say a thing once: when an account's
 * refresh failures were announced, and which share of a day's grants was warned about.
 */
export class EventsAndWebhooks1796200011000 implements MigrationInterface {
  name = 'EventsAndWebhooks1796200011000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // id: its order is the order of commit (writers take a transaction lock first).
    await queryRunner.query(`
      CREATE TABLE "events" (
        "id" BIGSERIAL NOT NULL,
        "org_id" uuid,
        "ebay_account_id" uuid,
        "type" text NOT NULL,
        "occurred_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        "data" jsonb NOT NULL,
        CONSTRAINT "pk_events" PRIMARY KEY ("id"),
        CONSTRAINT "fk_events_org" FOREIGN KEY ("org_id") REFERENCES "users" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_events_account" FOREIGN KEY ("ebay_account_id")
          REFERENCES "ebay_accounts" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "ix_events_org" ON "events" ("org_id", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_events_account" ON "events" ("ebay_account_id", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_events_occurred_at" ON "events" ("occurred_at")`);

    await queryRunner.query(`
      CREATE TABLE "webhook_endpoints" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "org_id" uuid NOT NULL,
        "url" text NOT NULL,
        "description" text,
        "event_types" text[] NOT NULL DEFAULT '{}',
        "is_enabled" boolean NOT NULL DEFAULT true,
        "disabled_reason" text,
        "secret" text NOT NULL,
        "previous_secret" text,
        "previous_secret_until" timestamptz,
        "failing_since" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_webhook_endpoints" PRIMARY KEY ("id"),
        CONSTRAINT "fk_webhook_endpoints_org" FOREIGN KEY ("org_id") REFERENCES "users" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_webhook_endpoints_disabled_reason"
          CHECK (disabled_reason IS NULL OR disabled_reason IN ('by_user', 'gone', 'failing')),
        CONSTRAINT "ck_webhook_endpoints_previous_secret"
          CHECK ((previous_secret IS NULL) = (previous_secret_until IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_endpoints_org_created" ON "webhook_endpoints" ("org_id", "created_at", "id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "webhook_deliveries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "event_id" bigint NOT NULL,
        "endpoint_id" uuid NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" timestamptz,
        "lease_id" uuid,
        "lease_until" timestamptz,
        "last_status_code" integer,
        "last_error" text,
        "created_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        "finished_at" timestamptz,
        CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "uq_webhook_deliveries_endpoint_event" UNIQUE ("endpoint_id", "event_id"),
        CONSTRAINT "fk_webhook_deliveries_event" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_webhook_deliveries_endpoint" FOREIGN KEY ("endpoint_id")
          REFERENCES "webhook_endpoints" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_webhook_deliveries_status" CHECK (status IN ('pending', 'succeeded', 'failed')),
        CONSTRAINT "ck_webhook_deliveries_pending_due" CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
      )`);
    // The dispatcher's claim reads only what is pending, soonest first.
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_deliveries_due" ON "webhook_deliveries" ("next_attempt_at") WHERE status = 'pending'`,
    );
    // An endpoint's deliveries newest first (the API's list).
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_deliveries_endpoint_created" ON "webhook_deliveries" ("endpoint_id", "created_at", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_webhook_deliveries_event" ON "webhook_deliveries" ("event_id")`);

    await queryRunner.query(`
      CREATE TABLE "webhook_attempts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "delivery_id" uuid NOT NULL,
        "attempted_at" timestamptz NOT NULL,
        "duration_ms" integer NOT NULL,
        "status_code" integer,
        "error" text,
        "response_body" text,
        CONSTRAINT "pk_webhook_attempts" PRIMARY KEY ("id"),
        CONSTRAINT "fk_webhook_attempts_delivery" FOREIGN KEY ("delivery_id")
          REFERENCES "webhook_deliveries" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_webhook_attempts_body_length" CHECK (octet_length(response_body) <= 1024)
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_attempts_delivery" ON "webhook_attempts" ("delivery_id", "attempted_at")`,
    );

    // Set when account.refresh_failing was sent for the current run of failures.
    await queryRunner.query(`ALTER TABLE "ebay_tokens" ADD "refresh_failing_since" timestamptz`);
    // The highest share of the day's refresh grants (0, 80, 100) a quota.warning was sent for.
    await queryRunner.query(`ALTER TABLE "ebay_grant_counts" ADD "warned_percent" integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ebay_grant_counts" DROP COLUMN "warned_percent"`);
    await queryRunner.query(`ALTER TABLE "ebay_tokens" DROP COLUMN "refresh_failing_since"`);
    await queryRunner.query(`DROP TABLE "webhook_attempts"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
    await queryRunner.query(`DROP TABLE "events"`);
  }
}
