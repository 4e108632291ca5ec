import type { MigrationInterface, QueryRunner } from 'typeorm';

interface AccountRow {
  readonly id: string;
  readonly org_id: string;
  readonly house_name: string;
  readonly is_active: boolean;
}

/** Rows per UPDATE while backfilling. */
const BATCH = 500;

/**
 * House names become unique per organisation (among active accounts) by a comparison key
 * instead of byte for byte: `WAREHOUSE-A` and fullwidth `Ｗａｒｅｈｏｕｓｅ-A` are taken when
 * `Warehouse-A` is. The key is NFKC, then toLowerCase, then NFKC again. It is computed here
 * rather than imported from the app, so that this migration does the same thing for ever,
 * whatever the app's rule becomes (a new rule needs a new migration). PostgreSQL's own
 * normalize() and lower() would not do: lower() follows the database's collation, not
 * JavaScript's locale-free toLowerCase.
 *
 * Existing accounts whose names collide under the key are grandfathered, neither renamed
 * nor refused: per organisation and key, the oldest active account (created_at, then id)
 * gets the key and every newer active one gets `<key>#<its id>`, which no other account can
 * have. The app keeps such a key while its account stays active under the same name, and
 * hands the plain key to the oldest of them when its holder is renamed or disconnected
 * (EbayAccountRepository), so newcomers stay refused while any of them is active.
 * Disconnected accounts get their plain key: the index does not look at them, and a
 * reconnect is then checked like any other (docs/decisions.md).
 */
export class HouseNameKey1796200002000 implements MigrationInterface {
  name = 'HouseNameKey1796200002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ebay_accounts" ADD "house_name_key" text`);

    const accounts: AccountRow[] = await queryRunner.query(
      `SELECT "id", "org_id", "house_name", "is_active" FROM "ebay_accounts" ORDER BY "created_at", "id"`,
    );
    const keys = grandfatheredKeys(accounts);
    for (let start = 0; start < accounts.length; start += BATCH) {
      const batch = accounts.slice(start, start + BATCH);
      await queryRunner.query(
        `UPDATE "ebay_accounts" AS "account" SET "house_name_key" = "keyed"."key"
           FROM unnest($1::uuid[], $2::text[]) AS "keyed" ("id", "key")
          WHERE "account"."id" = "keyed"."id"`,
        [batch.map((account) => account.id), batch.map((account) => keys.get(account.id))],
      );
    }

    await queryRunner.query(`ALTER TABLE "ebay_accounts" ALTER COLUMN "house_name_key" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "uq_ebay_accounts_org_house_name_active"`);
    // Two active accounts of one org may not share a house name key; disconnected ones may.
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_ebay_accounts_org_house_name_active"
        ON "ebay_accounts" ("org_id", "house_name_key") WHERE is_active`);
  }

  /**
   * Refused by the old index (a unique violation, nothing changed) only if two active
   * accounts now share a name exactly, which takes a grandfathered account and its key's
   * holder renamed to the same spelling: rename one of them first.
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_ebay_accounts_org_house_name_active"`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX "uq_ebay_accounts_org_house_name_active"
        ON "ebay_accounts" ("org_id", "house_name") WHERE is_active`);
    await queryRunner.query(`ALTER TABLE "ebay_accounts" DROP COLUMN "house_name_key"`);
  }
}

/** The key of this migration's rule: NFKC, case folded locale-free, NFKC again. */
function keyOf(houseName: string): string {
  return houseName.normalize('NFKC').toLowerCase().normalize('NFKC');
}

/** Each account's key by id; `accounts` come oldest first. */
function grandfatheredKeys(accounts: readonly AccountRow[]): Map<string, string> {
  const taken = new Set<string>();
  const keys = new Map<string, string>();
  for (const account of accounts) {
    const key = keyOf(account.house_name);
    if (!account.is_active) {
      keys.set(account.id, key);
      continue;
    }
    const inOrg = JSON.stringify([account.org_id, key]);
    keys.set(account.id, taken.has(inOrg) ? `${key}#${account.id}` : key);
    taken.add(inOrg);
  }
  return keys;
}
