import { type DataSource, MigrationExecutor } from 'typeorm';

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
