import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { houseNameKey } from '../src/accounts/house-name';
import { buildDataSourceOptions, MIGRATIONS_DIR } from '../src/database/data-source-options';
import { prepareSchema, runPendingMigrations } from '../src/database/migration-runner';
import { startTestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase, withDatabase } from './support/test-database';

const TABLES = [
  'ebay_account_deletions',
  'ebay_accounts',
  'ebay_api_calls',
  'ebay_authorizations',
  'ebay_grant_counts',
  'ebay_health_check_claims',
  'ebay_health_check_rounds',
  'ebay_health_events',
  'ebay_orders',
  'ebay_signing_keys',
  'ebay_sync_cursors',
  'ebay_tokens',
  'ebay_transactions',
  'events',
  'oauth_states',
  'rate_limits',
  'token_refresh_runs',
  'users',
  'webhook_attempts',
  'webhook_deliveries',
  'webhook_endpoints',
];

/** Every migration in migrations/, by the name TypeORM records: `<Class><timestamp>`, in order. */
const MIGRATIONS = readdirSync(MIGRATIONS_DIR)
  .filter((file) => file.endsWith('.ts'))
  .sort()
  .map((file) => {
    const [, timestamp, name] = /^(\d+)-(\w+)\.ts$/.exec(file) ?? [];
    return `${name}${timestamp}`;
  });

async function openDataSource(database: TestDatabase): Promise<DataSource> {
  return new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 2 })).initialize();
}

async function tablesOf(dataSource: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

describe('migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
    dataSource = await openDataSource(database);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('creates the whole schema on a fresh database, drops it on revert, and creates it again', async () => {
    expect(await runPendingMigrations(dataSource)).toEqual(MIGRATIONS);
    expect(await tablesOf(dataSource)).toEqual(TABLES);
    expect(await runPendingMigrations(dataSource)).toEqual([]);

    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tablesOf(dataSource)).toEqual([]);

    expect(await runPendingMigrations(dataSource)).toEqual(MIGRATIONS);
    expect(await tablesOf(dataSource)).toEqual(TABLES);
  });

  it('enforces the unique rules in the database', async () => {
    const [user] = await dataSource.query(
      `INSERT INTO users (email, password_hash) VALUES ($1, 'h') RETURNING id`,
      [`${randomUUID()}@example.com`],
    );
    const insertAccount = (ebayUserId: string, houseName: string, isActive = true) =>
      dataSource.query(
        `INSERT INTO ebay_accounts (org_id, ebay_user_id, house_name, house_name_key, is_active) VALUES ($1, $2, $3, $4, $5)`,
        [user.id, ebayUserId, houseName, houseNameKey(houseName), isActive],
      );

    await insertAccount('ebay-1', 'Warehouse-A');
    await expect(insertAccount('ebay-1', 'Warehouse-B')).rejects.toThrow(/uq_ebay_accounts_org_ebay_user/);
    await expect(insertAccount('ebay-2', 'WAREHOUSE-A')).rejects.toThrow(
      /uq_ebay_accounts_org_house_name_active/,
    );
    // Disconnected accounts keep their names without blocking new ones.
    await insertAccount('ebay-3', 'Warehouse-A', false);
    await insertAccount('ebay-4', 'Warehouse-A', false);
    await expect(
      dataSource.query(
        `INSERT INTO ebay_accounts (org_id, ebay_user_id, house_name, house_name_key, purpose) VALUES ($1, 'e5', 'X', 'x', 'RENTING')`,
        [user.id],
      ),
    ).rejects.toThrow(/ck_ebay_accounts_purpose/);
    await expect(
      dataSource.query(`INSERT INTO users (email, password_hash) VALUES ((SELECT email FROM users LIMIT 1), 'h')`),
    ).rejects.toThrow(/uq_users_email/);
  });

  it('runs the migrator only when something is pending: a start on an up-to-date database takes no lock', async () => {
    const fresh = await createTestDatabase({ migrated: false });
    const freshSource = await openDataSource(fresh);
    try {
      const migrate = jest.fn(() => runPendingMigrations(freshSource));
      expect(await prepareSchema(freshSource, false, migrate)).toEqual({ applied: [], pending: MIGRATIONS });
      expect(migrate).not.toHaveBeenCalled();

      expect(await prepareSchema(freshSource, true, migrate)).toEqual({ applied: MIGRATIONS, pending: [] });
      expect(migrate).toHaveBeenCalledTimes(1);

      expect(await prepareSchema(freshSource, true, migrate)).toEqual({ applied: [], pending: [] });
      expect(migrate).toHaveBeenCalledTimes(1);
    } finally {
      await freshSource.destroy();
      await fresh.drop();
    }
  });

  it('lets two replicas that boot together apply each migration exactly once', async () => {
    const fresh = await createTestDatabase({ migrated: false });
    const [first, second] = await Promise.all([openDataSource(fresh), openDataSource(fresh)]);
    try {
      const applied = await Promise.all([runPendingMigrations(first), runPendingMigrations(second)]);
      expect(applied.flat()).toEqual(MIGRATIONS);
      const rows = await first.query('SELECT name FROM migrations');
      expect(rows).toHaveLength(MIGRATIONS.length);
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
      await fresh.drop();
    }
  });
});

describe('entities and migrations', () => {
  it('describe the same schema: TypeORM finds nothing to change', async () => {
    const t = await startTestApp();
    try {
      const sql = await t.app.get(DataSource).driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('are applied when the app starts on an empty database', async () => {
    const database = await createTestDatabase({ migrated: false });
    const t = await startTestApp({ database });
    try {
      await t.http.get('/health/ready').expect(200);
      const rows = await withDatabase(database.url, (client) => client.query('SELECT name FROM migrations'));
      expect(rows.rows.map((row: { name: string }) => row.name).sort()).toEqual([...MIGRATIONS].sort());
    } finally {
      await t.close();
      await database.drop();
    }
  });
});
