import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sync module's tables (src/sync/):
 * - ebay_sync_cursors gains what a run needs across replicas: a lease (only the holder writes,
 *   and a replica that died lets go when it ends), the run's progress, the last run's outcome,
 *   and why the periodic sync passed the account by.
 * - ebay_orders and ebay_transactions: each account's copy of eBay's records, one row per
 *   (account, eBay id) with the key fields as columns for the read API's filters and the raw
 *   record as eBay sent it. Buyer usernames are indexed for Marketplace Account Deletion.
 */
export class OrderAndTransactionSync1796200007000 implements MigrationInterface {
  name = 'OrderAndTransactionSync1796200007000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "ebay_sync_cursors"
        ADD "lease_id" uuid,
        ADD "lease_until" timestamptz,
        ADD "leased_by" text,
        ADD "running_since" timestamptz,
        ADD "progress" jsonb,
        ADD "last_started_at" timestamptz,
        ADD "last_finished_at" timestamptz,
        ADD "last_outcome" text,
        ADD "last_fetched" integer,
        ADD "last_upserted" integer,
        ADD "last_ebay_calls" integer,
        ADD "last_error" text,
        ADD "last_error_at" timestamptz,
        ADD "skipped_reason" text,
        ADD "skipped_at" timestamptz,
        ADD CONSTRAINT "ck_ebay_sync_cursors_resource" CHECK (resource IN ('orders', 'transactions')),
        ADD CONSTRAINT "ck_ebay_sync_cursors_last_outcome" CHECK (last_outcome IN ('succeeded', 'failed')),
        ADD CONSTRAINT "ck_ebay_sync_cursors_skipped_reason" CHECK (skipped_reason IN ('reauth_required'))`);
    await queryRunner.query(`
      CREATE TABLE "ebay_orders" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "ebay_account_id" uuid NOT NULL,
        "order_id" text NOT NULL,
        "creation_date" timestamptz NOT NULL,
        "last_modified_date" timestamptz NOT NULL,
        "fulfillment_status" text NOT NULL,
        "payment_status" text NOT NULL,
        "total_value" numeric,
        "total_currency" text,
        "buyer_username" text,
        "raw" jsonb NOT NULL,
        "synced_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_ebay_orders" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ebay_orders_account_order" UNIQUE ("ebay_account_id", "order_id"),
        CONSTRAINT "fk_ebay_orders_account" FOREIGN KEY ("ebay_account_id")
          REFERENCES "ebay_accounts" ("id") ON DELETE CASCADE
      )`);
    // Newest first, by keyset: every list, and each filter beside it.
    await queryRunner.query(
      `CREATE INDEX "ix_ebay_orders_account_created" ON "ebay_orders" ("ebay_account_id", "creation_date", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ebay_orders_account_modified" ON "ebay_orders" ("ebay_account_id", "last_modified_date")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ebay_orders_account_fulfillment" ON "ebay_orders" ("ebay_account_id", "fulfillment_status", "creation_date", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ebay_orders_account_payment" ON "ebay_orders" ("ebay_account_id", "payment_status", "creation_date", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_ebay_orders_buyer_username" ON "ebay_orders" ("buyer_username")`);
    await queryRunner.query(`
      CREATE TABLE "ebay_transactions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "ebay_account_id" uuid NOT NULL,
        "transaction_id" text NOT NULL,
        "transaction_type" text NOT NULL,
        "transaction_status" text,
        "transaction_date" timestamptz NOT NULL,
        "amount_value" numeric,
        "amount_currency" text,
        "booking_entry" text,
        "order_id" text,
        "buyer_username" text,
        "raw" jsonb NOT NULL,
        "synced_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_ebay_transactions" PRIMARY KEY ("id"),
        CONSTRAINT "uq_ebay_transactions_account_transaction" UNIQUE ("ebay_account_id", "transaction_id"),
        CONSTRAINT "fk_ebay_transactions_account" FOREIGN KEY ("ebay_account_id")
          REFERENCES "ebay_accounts" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_ebay_transactions_account_date" ON "ebay_transactions" ("ebay_account_id", "transaction_date", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ebay_transactions_account_type" ON "ebay_transactions" ("ebay_account_id", "transaction_type", "transaction_date", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ebay_transactions_account_order" ON "ebay_transactions" ("ebay_account_id", "order_id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_ebay_transactions_buyer_username" ON "ebay_transactions" ("buyer_username")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ebay_transactions"`);
    await queryRunner.query(`DROP TABLE "ebay_orders"`);
    await queryRunner.query(`
      ALTER TABLE "ebay_sync_cursors"
        DROP CONSTRAINT "ck_ebay_sync_cursors_skipped_reason",
        DROP CONSTRAINT "ck_ebay_sync_cursors_last_outcome",
        DROP CONSTRAINT "ck_ebay_sync_cursors_resource",
        DROP COLUMN "skipped_at",
        DROP COLUMN "skipped_reason",
        DROP COLUMN "last_error_at",
        DROP COLUMN "last_error",
        DROP COLUMN "last_ebay_calls",
        DROP COLUMN "last_upserted",
        DROP COLUMN "last_fetched",
        DROP COLUMN "last_outcome",
        DROP COLUMN "last_finished_at",
        DROP COLUMN "last_started_at",
        DROP COLUMN "progress",
        DROP COLUMN "running_since",
        DROP COLUMN "leased_by",
        DROP COLUMN "lease_until",
        DROP COLUMN "lease_id"`);
  }
}
