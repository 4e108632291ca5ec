import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server the suite creates its databases on (README: "npm test"). */
export const TEST_SERVER_URL =
  process.env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
/** Set by global-setup.ts: a migrated database each test file copies. */
export const TEMPLATE_ENV = 'EBAY_CONNECT_TEST_TEMPLATE';
const TEST_DATABASE_NAME = /^ebay_connect_test_[a-z0-9_]+$/;

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, created empty or as a copy of the migrated
 * template, so files never see each other's rows and runs never collide.
 */
export async function createTestDatabase(options: { migrated: boolean }): Promise<TestDatabase> {
  const name = `ebay_connect_test_${randomBytes(6).toString('hex')}`;
  const template = options.migrated ? process.env[TEMPLATE_ENV] : undefined;
  if (options.migrated && template === undefined) {
    throw new Error(`${TEMPLATE_ENV} is not set: run the suite through jest (global-setup.ts)`);
  }
  await createDatabase(name, template);
  return {
    name,
    url: databaseUrl(name),
    drop: () => dropDatabase(name),
  };
}

export async function createDatabase(name: string, template?: string): Promise<void> {
  assertTestDatabaseName(name);
  if (template !== undefined) assertTestDatabaseName(template);
  await onServer((client) =>
    client.query(`CREATE DATABASE "${name}"${template === undefined ? '' : ` TEMPLATE "${template}"`}`),
  );
}

export async function dropDatabase(name: string): Promise<void> {
  assertTestDatabaseName(name);
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs SQL against one database with a short-lived connection of its own. */
export async function withDatabase<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  return withDatabase(TEST_SERVER_URL, work);
}

/** The suite only ever creates or drops databases it named itself. */
function assertTestDatabaseName(name: string): void {
  if (!TEST_DATABASE_NAME.test(name)) {
    throw new Error(`Refusing to touch database "${name}": test databases are named ebay_connect_test_*`);
  }
}
