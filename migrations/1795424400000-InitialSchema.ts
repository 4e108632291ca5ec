import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema of seed 000 plus oauth_states and the token lifecycle columns. Runs on
 * PostgreSQL 15+ and on PGlite (PostgreSQL 18); gen_random_uuid() is built into both.
 */
export class InitialSchema1795424400000 implements MigrationInterface {
  name = 'InitialSchema1795424400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "password_hash" text NOT NULL,
        "is_admin" boolean NOT NULL DEFAULT false,
        "is_active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_users" PRIMARY KEY ("id"),
        CONSTRAINT "uq_users_email" UNIQUE ("email")
      )`);

    await queryRunner.query(`
      CREATE TABLE "ebay_accounts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "org_id" uuid NOT NULL,
        "ebay_user_id" text NOT NULL,
        "username" text,
        "house_name" text NOT NULL,
        "purpose" text NOT NULL DEFAULT 'BOTH',
        "marketplace_id" text,
        "site_id" integer,
        "connected_at" timestamptz NOT NULL DEFAULT now(),
        "is_active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_ebay_accounts" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ebay_accounts_org_ebay_user" UNIQUE ("org_id", "ebay_user_id"),
        CONSTRAINT "ck_ebay_accounts_purpose" CHECK (purpose IN ('BUYING', 'SELLING', 'BOTH')),
        CONSTRAINT "fk_ebay_accounts_org" FOREIGN KEY ("org_id")
          REFERENCES "users" ("id") ON DELETE CASCADE
      )`);
    // Two active accounts of one org may not share a house name; disconnected ones may.
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_ebay_accounts_org_house_name_active"
        ON "ebay_accounts" ("org_id", "house_name") WHERE is_active`);

    await queryRunner.query(`
      CREATE TABLE "ebay_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "ebay_account_id" uuid NOT NULL,
        "access_token" text,
        "refresh_token" text,
        "token_type" text NOT NULL DEFAULT 'Bearer',
        "expires_at" timestamptz,
        "last_refreshed_at" timestamptz,
        "refresh_error" text,
        "status" text NOT NULL DEFAULT 'active',
        "refresh_token_expires_at" timestamptz,
        "refresh_failures" integer NOT NULL DEFAULT 0,
        "next_refresh_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_ebay_tokens" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ebay_tokens_account" UNIQUE ("ebay_account_id"),
        CONSTRAINT "ck_ebay_tokens_status" CHECK (status IN ('active', 'reauth_required')),
        CONSTRAINT "fk_ebay_tokens_account" FOREIGN KEY ("ebay_account_id")
          REFERENCES "ebay_accounts" ("id") ON DELETE CASCADE
      )`);
    // The refresher claims due tokens in next_refresh_at order.
    await queryRunner.query(`
      CREATE INDEX "ix_ebay_tokens_due" ON "ebay_tokens" ("next_refresh_at")
        WHERE status = 'active'`);

    await queryRunner.query(`
      CREATE TABLE "ebay_authorizations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "ebay_account_id" uuid NOT NULL,
        "scopes" text[] NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_ebay_authorizations" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ebay_authorizations_account" UNIQUE ("ebay_account_id"),
        CONSTRAINT "fk_ebay_authorizations_account" FOREIGN KEY ("ebay_account_id")
          REFERENCES "ebay_accounts" ("id") ON DELETE CASCADE
      )`);

    await queryRunner.query(`
      CREATE TABLE "ebay_health_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "ebay_account_id" uuid NOT NULL,
        "checked_at" timestamptz NOT NULL DEFAULT now(),
        "is_healthy" boolean NOT NULL,
        "http_status" integer,
        "ack" text,
        "error_code" text,
        "error_message" text,
        "response_time_ms" integer,
        CONSTRAINT "pk_ebay_health_events" PRIMARY KEY ("id"),
        CONSTRAINT "fk_ebay_health_events_account" FOREIGN KEY ("ebay_account_id")
          REFERENCES "ebay_accounts" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE INDEX "ix_ebay_health_events_account_checked"
        ON "ebay_health_events" ("ebay_account_id", "checked_at")`);

    await queryRunner.query(`
      CREATE TABLE "ebay_sync_cursors" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "ebay_account_id" uuid NOT NULL,
        "resource" text NOT NULL,
        "checkpoint" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_ebay_sync_cursors" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ebay_sync_cursors_account_resource" UNIQUE ("ebay_account_id", "resource"),
        CONSTRAINT "fk_ebay_sync_cursors_account" FOREIGN KEY ("ebay_account_id")
          REFERENCES "ebay_accounts" ("id") ON DELETE CASCADE
      )`);

    await queryRunner.query(`
      CREATE TABLE "oauth_states" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "state_hash" text NOT NULL,
        "user_id" uuid NOT NULL,
        "house_name" text,
        "purpose" text,
        "marketplace_id" text,
        "prompt" text,
        "expires_at" timestamptz NOT NULL,
        "consumed_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_oauth_states" PRIMARY KEY ("id"),
        CONSTRAINT "uq_oauth_states_state_hash" UNIQUE ("state_hash"),
        CONSTRAINT "fk_oauth_states_user" FOREIGN KEY ("user_id")
          REFERENCES "users" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "ix_oauth_states_expires_at" ON "oauth_states" ("expires_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "oauth_states"`);
    await queryRunner.query(`DROP TABLE "ebay_sync_cursors"`);
    await queryRunner.query(`DROP TABLE "ebay_health_events"`);
    await queryRunner.query(`DROP TABLE "ebay_authorizations"`);
    await queryRunner.query(`DROP TABLE "ebay_tokens"`);
    await queryRunner.query(`DROP TABLE "ebay_accounts"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
