import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnService } from './support/service-process';
import { TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const TRACE = `--require ${join(__dirname, 'support', 'loaded-modules.cjs')}`;

/**
 * Starts the built service with the module trace, waits until it serves, makes the requests
 * `use` makes, stops it: what it loaded.
 */
async function loadedModules(env: Record<string, string>, use: (baseUrl: string) => Promise<void> = async () => {}): Promise<string[]> {
  const port = await freePort();
  const service = spawnService({ ...env, PORT: String(port), NODE_OPTIONS: TRACE }, mkdtempSync(join(tmpdir(), 'ebay-connect-lazy-')));
  try {
    await service.waitFor(/ebay-connect is ready/, 60_000);
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    await use(`http://127.0.0.1:${port}`);
  } finally {
    service.child.kill('SIGTERM');
  }
  expect(await service.exited()).toBe(0);
  const line = service.output().split('\n').find((candidate) => candidate.startsWith('LOADED_MODULES '));
  if (line === undefined) throw new Error(`No module trace in the output:\n${service.output()}`);
  return JSON.parse(line.slice('LOADED_MODULES '.length)) as string[];
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { readonly responses: Record<string, unknown> }>>;
  readonly components: { readonly schemas: Record<string, { readonly properties?: object }> };
}

const isEmulator = (file: string): boolean => file.includes('/dist/src/emulator/');
/** @nestjs/swagger itself, the barrel it imports, and Swagger UI's files, which its setup finds. */
const isSwagger = (file: string): boolean => /\/node_modules\/(@nestjs\/swagger|es-toolkit|swagger-ui-dist)\//.test(file);
const isPglite = (file: string): boolean => file.includes('/node_modules/@electric-sql/');

describe('what a service process loads', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  const production = (): Record<string, string> => ({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_JWT_SECRET,
    TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    EBAY_ENVIRONMENT: 'sandbox',
    EBAY_CLIENT_ID: 'client-id',
    EBAY_CLIENT_SECRET: 'client-secret',
    EBAY_RUNAME: 'Company-App-SBX-runame',
    TOKEN_REFRESH_ENABLED: 'false',
  });

  it('never loads the eBay emulator, PGlite or @nestjs/swagger in production until asked', async () => {
    const loaded = await loadedModules(production());

    expect(loaded.some((file) => file.includes('/dist/src/tokens/'))).toBe(true);
    expect(loaded.filter(isEmulator)).toEqual([]);
    expect(loaded.filter(isPglite)).toEqual([]);
    expect(loaded.filter(isSwagger)).toEqual([]);
  }, 90_000);

  it('loads @nestjs/swagger at the first request for the docs, and answers the same document every time', async () => {
    let first: unknown;
    const loaded = await loadedModules(production(), async (baseUrl) => {
      const answers = await Promise.all([fetch(`${baseUrl}/docs-json`), fetch(`${baseUrl}/docs-json`)]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const [one, two] = (await Promise.all(answers.map((answer) => answer.json()))) as unknown[];
      first = one;
      expect(two).toEqual(one);
      const later = await fetch(`${baseUrl}/docs-json`);
      expect(await later.json()).toEqual(first);
      const ui = await fetch(`${baseUrl}/docs`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger-ui');
      expect((await fetch(`${baseUrl}/docs/swagger-ui-bundle.js`)).status).toBe(200);
    });

    expect(loaded.filter(isSwagger).length).toBeGreaterThan(0);
    // The real decorators ran: the document knows the DTOs' properties and the routes' answers.
    const document = first as OpenApiDocument;
    expect(Object.keys(document.components.schemas.LoginRequest?.properties ?? {})).toEqual(expect.arrayContaining(['email', 'password']));
    expect(Object.keys(document.paths['/api/ebay-accounts/{id}'].get.responses)).toEqual(expect.arrayContaining(['200', '401', '404']));
  }, 90_000);

  it('loads it when it runs the built-in emulator (the trace sees lazily imported files)', async () => {
    const loaded = await loadedModules({ NODE_ENV: 'test', DATABASE_URL: database.url, LOG_FORMAT: 'json' });

    expect(loaded.filter(isEmulator).length).toBeGreaterThan(10);
  }, 90_000);
});
