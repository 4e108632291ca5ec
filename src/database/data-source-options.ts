import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/**
 * The build (nest build, tsconfig.build.json) mirrors the repository: `src/` and `migrations/`
 * compile side by side into `dist/src/` and `dist/migrations/`, so the migrations are two levels
 * up from this file in both, as TypeScript or as JavaScript.
 */
export const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');
const MIGRATIONS_GLOB = join(MIGRATIONS_DIR, __filename.endsWith('.ts') ? '*.ts' : '*.js');

export interface ConnectionSettings {
  readonly url: string;
  readonly poolSize: number;
  /** Entity classes; the Nest app leaves this out and lets each module register its own. */
  readonly entities?: DataSourceOptions['entities'];
  /**
   * Set for the service's request path: PostgreSQL cancels longer statements, and the driver
   * gives up a second later (a frozen server or a dead network answers nothing at all).
   * Unset for migrations and operator tools, whose work may legitimately take long.
   */
  readonly statementTimeoutMs?: number;
}

/** How long a replica waits for a pooled connection (or a new one) before the request fails. */
export const CONNECTION_TIMEOUT_MS = 5_000;
/** A transaction left open by a bug or a dead client is ended by PostgreSQL after this. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;
/** The driver's own limit waits a little longer than the server's, so the server's error wins. */
const DRIVER_GRACE_MS = 1_000;

/** The DataSource options shared by the app and by ormconfig.ts (the TypeORM CLI). */
export function buildDataSourceOptions(settings: ConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities ?? [],
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    // Migrations run under an advisory lock (see migration-runner.ts), never implicitly.
    migrationsRun: false,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; uuid-ossp is not in PGlite.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    extra: {
      max: settings.poolSize,
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      application_name: 'ebay-connect',
      ...(settings.statementTimeoutMs === undefined
        ? {}
        : {
            statement_timeout: settings.statementTimeoutMs,
            idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
            query_timeout: settings.statementTimeoutMs + DRIVER_GRACE_MS,
          }),
    },
  };
}
