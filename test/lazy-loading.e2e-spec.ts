import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnService } from './support/service-process';
import { TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const TRACE = `--require ${join(__dirname, 'support', 'loaded-modules.cjs')}`;

/** Starts the built service with the module trace, waits until it serves, stops it: what it loaded. */
async function loadedModules(env: Record<string, string>): Promise<string[]> {
  const port = await freePort();
  const service = spawnService({ ...env, PORT: String(port), NODE_OPTIONS: TRACE }, mkdtempSync(join(tmpdir(), 'ebay-connect-lazy-')));
  try {
    await service.waitFor(/ebay-connect is ready/, 60_000);
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
  } finally {
    service.child.kill('SIGTERM');
  }
  expect(await service.exited()).toBe(0);
  const line = service.output().split('\n').find((candidate) => candidate.startsWith('LOADED_MODULES '));
  if (line === undefined) throw new Error(`No module trace in the output:\n${service.output()}`);
  return JSON.parse(line.slice('LOADED_MODULES '.length)) as string[];
}

const isEmulator = (file: string): boolean => file.includes('/dist/src/emulator/');

describe('what a service process loads', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('never loads the eBay emulator in production', async () => {
    const loaded = await loadedModules({
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

    expect(loaded.some((file) => file.includes('/dist/src/tokens/'))).toBe(true);
    expect(loaded.filter(isEmulator)).toEqual([]);
  }, 90_000);

  it('loads it when it runs the built-in emulator (the trace sees lazily imported files)', async () => {
    const loaded = await loadedModules({ NODE_ENV: 'test', DATABASE_URL: database.url, LOG_FORMAT: 'json' });

    expect(loaded.filter(isEmulator).length).toBeGreaterThan(10);
  }, 90_000);
});
