import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { runPendingMigrations } from '../../src/database/migration-runner';
import {
  createDatabase,
  databaseUrl,
  TEMPLATE_ENV,
  TEST_SERVER_URL,
  withDatabase,
} from './test-database';

/** Migrates one template database per run; each e2e file copies it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  try {
    await withDatabase(TEST_SERVER_URL, (client) => client.query('SELECT 1'));
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_SERVER_URL} (${(error as Error).message}). ` +
        'Start it, or point TEST_DATABASE_SERVER_URL at one (see README).',
    );
  }
  const template = `ebay_connect_test_template_${randomBytes(4).toString('hex')}`;
  await createDatabase(template);
  const dataSource = await new DataSource(
    buildDataSourceOptions({ url: databaseUrl(template), poolSize: 1 }),
  ).initialize();
  try {
    await runPendingMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env[TEMPLATE_ENV] = template;
}
