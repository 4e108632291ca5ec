import type { DataSource } from 'typeorm';

/** What this build's migrations and the database's applied migrations say of each other. */
export interface MigrationState {
  /** The migrations this build carries (dist/migrations or migrations/). */
  readonly known: readonly string[];
  /** Known here, not applied in the database yet. */
  readonly pending: readonly string[];
  /** Applied in the database, unknown to this build: a newer build migrated it. */
  readonly unknown: readonly string[];
}

/** Reads the build's migrations and the database's `migrations` table (absent: none applied). */
export async function readMigrationState(dataSource: DataSource): Promise<MigrationState> {
  const known = dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
  const [{ exists }] = (await dataSource.query(`SELECT to_regclass('migrations') IS NOT NULL AS exists`)) as {
    exists: boolean;
  }[];
  const applied = exists
    ? ((await dataSource.query('SELECT name FROM migrations')) as { name: string }[]).map((row) => row.name)
    : [];
  const appliedSet = new Set(applied);
  const knownSet = new Set(known);
  return {
    known,
    pending: known.filter((name) => !appliedSet.has(name)),
    unknown: applied.filter((name) => !knownSet.has(name)),
  };
}

/** This build must not run against this database; the message says why and what to do. */
export class MigrationMismatchError extends Error {
  override readonly name = 'MigrationMismatchError';
}

/** Why this build must not run against this database; undefined when it may. */
export function migrationMismatch(state: MigrationState, migrationsDir: string): string | undefined {
  if (state.known.length === 0) {
    return (
      `This build holds no migrations (looked in ${migrationsDir}), so it can neither create nor check the schema: ` +
      'build it with npm run build, which compiles migrations/ into dist/migrations/'
    );
  }
  if (state.unknown.length > 0) {
    return (
      `The database has migrations this build does not know (${state.unknown.join(', ')}): a newer build migrated it. ` +
      'Run that build (or a newer one) against it'
    );
  }
  return undefined;
}
