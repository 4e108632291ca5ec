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
}

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
      connectionTimeoutMillis: 5_000,
      application_name: 'ebay-connect',
    },
  };
}
