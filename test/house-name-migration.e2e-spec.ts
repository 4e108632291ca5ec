import { DataSource } from 'typeorm';
import { InitialSchema1795424400000 } from '../migrations/1795424400000-InitialSchema';
import { TokenRefreshLease1796200000000 } from '../migrations/1796200000000-TokenRefreshLease';
import { RateLimits1796200001000 } from '../migrations/1796200001000-RateLimits';
import { HouseNameKey1796200002000 } from '../migrations/1796200002000-HouseNameKey';
import { houseNameKey } from '../src/accounts/house-name';
import { PasswordHasher } from '../src/auth/password-hasher';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { runPendingMigrations } from '../src/database/migration-runner';
import { startTestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { anEmail, login, PASSWORD } from './support/users';

interface Seeded {
  readonly database: TestDatabase;
  readonly orgId: string;
  readonly email: string;
  /** Account ids by name; the first three collide under the key, oldest first. */
  readonly ids: Record<'holder' | 'upper' | 'fullwidth' | 'disconnected' | 'other' | 'otherOrg', string>;
}

interface AccountRow {
  id: string;
  house_name: string;
  is_active: boolean;
  updated_at: Date;
  house_name_key?: string;
}

const openDataSource = (url: string, migrations?: DataSource['options']['migrations']): Promise<DataSource> =>
  new DataSource({ ...buildDataSourceOptions({ url, poolSize: 2 }), ...(migrations ? { migrations } : {}) }).initialize();

/**
 * The migrations up to HouseNameKey: the test looks at the schema as that migration leaves it
 * (later ones add columns of their own, and revert would undo the last of them).
 */
const UP_TO_HOUSE_NAME_KEY = [InitialSchema1795424400000, TokenRefreshLease1796200000000, RateLimits1796200001000, HouseNameKey1796200002000];

const accountsOf = (dataSource: DataSource): Promise<AccountRow[]> =>
  dataSource.query(`SELECT * FROM ebay_accounts ORDER BY created_at, id`);

/**
 * A database as it was before house name keys: migrated to InitialSchema only, with names
 * that the old byte-for-byte index accepted side by side and the new rule would not.
 */
async function databaseWithCollidingNames(): Promise<Seeded> {
  const database = await createTestDatabase({ migrated: false });
  const dataSource = await openDataSource(database.url, [InitialSchema1795424400000]);
  try {
    expect(await runPendingMigrations(dataSource)).toEqual(['InitialSchema1795424400000']);
    const email = anEmail('grandfathered');
    const passwordHash = await new PasswordHasher().hash(PASSWORD);
    const [org] = await dataSource.query(`INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id`, [email, passwordHash]);
    const [otherOrg] = await dataSource.query(`INSERT INTO users (email, password_hash) VALUES ($1, 'h') RETURNING id`, [anEmail()]);
    const insert = async (orgId: string, houseName: string, minute: number, isActive = true): Promise<string> => {
      const [row] = await dataSource.query(
        `INSERT INTO ebay_accounts (org_id, ebay_user_id, house_name, is_active, created_at)
         VALUES ($1, $2, $3, $4, timestamptz '2026-01-01T00:00:00Z' + make_interval(mins => $5)) RETURNING id`,
        [orgId, `ebay-${minute}`, houseName, isActive, minute],
      );
      return row.id as string;
    };
    const ids = {
      holder: await insert(org.id, 'Warehouse-A', 1),
      upper: await insert(org.id, 'WAREHOUSE-A', 2),
      fullwidth: await insert(org.id, 'Ｗａｒｅｈｏｕｓｅ-A', 3),
      disconnected: await insert(org.id, 'warehouse-a', 4, false),
      other: await insert(org.id, 'Other', 5),
      otherOrg: await insert(otherOrg.id, 'WAREHOUSE-A', 6),
    };
    return { database, orgId: org.id as string, email, ids };
  } finally {
    await dataSource.destroy();
  }
}

describe('migration HouseNameKey on accounts whose names collide under the key', () => {
  let seeded: Seeded;
  beforeEach(async () => {
    seeded = await databaseWithCollidingNames();
  });
  afterEach(async () => {
    await seeded.database.drop();
  });

  it('keeps every account unchanged, grandfathers the newer ones, and the index refuses a new look-alike', async () => {
    const dataSource = await openDataSource(seeded.database.url, UP_TO_HOUSE_NAME_KEY);
    try {
      const before = await accountsOf(dataSource);
      expect(await runPendingMigrations(dataSource)).toContain('HouseNameKey1796200002000');
      const after = await accountsOf(dataSource);

      expect(after.map(({ house_name_key: _key, ...row }) => row)).toEqual(before);
      const { ids } = seeded;
      expect(Object.fromEntries(after.map((row) => [row.id, row.house_name_key]))).toEqual({
        [ids.holder]: 'warehouse-a',
        [ids.upper]: `warehouse-a#${ids.upper}`,
        [ids.fullwidth]: `warehouse-a#${ids.fullwidth}`,
        [ids.disconnected]: 'warehouse-a',
        [ids.other]: 'other',
        [ids.otherOrg]: 'warehouse-a',
      });

      const insertActive = (houseName: string) =>
        dataSource.query(
          `INSERT INTO ebay_accounts (org_id, ebay_user_id, house_name, house_name_key) VALUES ($1, $2, $3, $4)`,
          [seeded.orgId, `ebay-new-${houseName}`, houseName, houseNameKey(houseName)],
        );
      await expect(insertActive('warehouse-a')).rejects.toThrow(/uq_ebay_accounts_org_house_name_active/);
      await insertActive('Warehouse-B');
    } finally {
      await dataSource.destroy();
    }
  });

  it('reverts to the byte-for-byte index, the accounts untouched', async () => {
    const dataSource = await openDataSource(seeded.database.url, UP_TO_HOUSE_NAME_KEY);
    try {
      const before = await accountsOf(dataSource);
      await runPendingMigrations(dataSource);
      await dataSource.undoLastMigration({ transaction: 'each' });

      expect(await accountsOf(dataSource)).toEqual(before);
      const [index] = await dataSource.query(
        `SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_ebay_accounts_org_house_name_active'`,
      );
      expect(index.indexdef).toContain('(org_id, house_name) WHERE is_active');
    } finally {
      await dataSource.destroy();
    }
  });

  it('lets grandfathered accounts keep their names, and hands the name on when its holder is disconnected', async () => {
    const t = await startTestApp({ database: seeded.database });
    try {
      const user = await login(t.http, seeded.email);
      const { ids } = seeded;
      const account = (id: string) => `/api/ebay-accounts/${id}`;

      const patched = await t.http.patch(account(ids.upper)).set(user.auth).send({ purpose: 'SELLING', houseName: 'WAREHOUSE-A' }).expect(200);
      expect(patched.body).toMatchObject({ houseName: 'WAREHOUSE-A', purpose: 'SELLING', isActive: true });
      // A grandfathered account may not take its holder's spelling, nor may a newcomer the name.
      expect((await t.http.patch(account(ids.upper)).set(user.auth).send({ houseName: 'Warehouse-A' }).expect(409)).body.code).toBe('house_name_taken');
      await t.http.get('/api/ebay/connect?houseName=warehouse-a').set(user.auth).expect(409);

      await t.http.delete(account(ids.holder)).set(user.auth).expect(200);
      const refused = await t.http.get('/api/ebay/connect?houseName=warehouse-a').set(user.auth).expect(409);
      expect(refused.body.message).toContain('is called "WAREHOUSE-A"');
      await t.http.patch(account(ids.other)).set(user.auth).send({ houseName: 'Warehouse-a' }).expect(409);

      // Renamed away, the last grandfathered account takes the name over in its turn.
      await t.http.patch(account(ids.upper)).set(user.auth).send({ houseName: 'Warehouse-B' }).expect(200);
      const last = await t.http.get('/api/ebay/connect?houseName=warehouse-a').set(user.auth).expect(409);
      expect(last.body.message).toContain('is called "Ｗａｒｅｈｏｕｓｅ-A"');
      await t.http.delete(account(ids.fullwidth)).set(user.auth).expect(200);
      await t.http.patch(account(ids.other)).set(user.auth).send({ houseName: 'Warehouse-a' }).expect(200);
    } finally {
      await t.close();
    }
  });
});
