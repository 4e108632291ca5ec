import { type DataSource, MigrationExecutor } from 'typeorm';
import { MIGRATIONS_DIR } from './data-source-options';
import { MigrationMismatchError, migrationMismatch, readMigrationState } from './migration-state';

/** Any fixed number works; it only has to be the same in every replica. */
const MIGRATION_LOCK_ID = 7_204_118_531;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so replicas that boot
 * together apply each migration once and the others wait, then find nothing to do. Lock and
 * migrations share one connection: the embedded database has only one.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((migration) => migration.name);
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await queryRunner.release();
  }
}

export interface PreparedSchema {
  /** Migrations applied just now. */
  readonly applied: readonly string[];
  /** Migrations still missing (only when `migrationsRun` is false). */
  readonly pending: readonly string[];
}

/**
 * What the service does at start, and the operator commands before they write: checks the
 * build's migrations against the database (MigrationMismatchError when the build has none or
 * is older than the database), then applies the pending ones when `migrationsRun`. Checked
 * before anything is written: an old build must not apply its pending migrations to a
 * database a newer build already moved on, nor create an empty migrations table. When nothing
 * is pending (the usual start), neither the lock nor a second connection is taken: a migration
 * counts as applied only once its transaction committed its row, so there is nothing to wait
 * for. `migrate` is where pending migrations run: `dataSource` itself unless the caller gives
 * a connection without the request path's timeouts.
 */
export async function prepareSchema(
  dataSource: DataSource,
  migrationsRun: boolean,
  migrate: () => Promise<string[]> = () => runPendingMigrations(dataSource),
): Promise<PreparedSchema> {
  const state = await readMigrationState(dataSource);
  const mismatch = migrationMismatch(state, MIGRATIONS_DIR);
  if (mismatch !== undefined) throw new MigrationMismatchError(mismatch);
  if (state.pending.length === 0) return { applied: [], pending: [] };
  if (!migrationsRun) return { applied: [], pending: state.pending };
  return { applied: await migrate(), pending: [] };
}
