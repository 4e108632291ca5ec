/**
 * `npm run web:api`: regenerates web/src/api/schema.d.ts from the running service's
 * /docs-json. The service starts here as test/support/test-app.ts starts it, but on the embedded
 * database in a scratch folder, so this needs no PostgreSQL and touches no ./data.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadConfiguration } from '../src/config/load-configuration';
import { createApp } from '../src/create-app';
import { CONSOLE_SCHEMA_PATH, consoleApiTypes } from '../test/support/console-api-types';
import { TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET } from '../test/support/test-app';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ebay-connect-web-api-'));
  const configuration = loadConfiguration(
    {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      JWT_SECRET: TEST_JWT_SECRET,
      TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      LOG_LEVEL: 'warn',
      TOKEN_REFRESH_ENABLED: 'false',
      HEALTH_CHECK_ENABLED: 'false',
      SYNC_ENABLED: 'false',
      // Real eBay's shape with keys that are never used: ts-node cannot load the emulator's
      // lazily imported compiled file, and the document is the same in every eBay mode.
      EBAY_ENVIRONMENT: 'sandbox',
      EBAY_CLIENT_ID: 'web-api-types',
      EBAY_CLIENT_SECRET: 'web-api-types',
      EBAY_RUNAME: 'web-api-types',
    },
    process.cwd(),
  );
  const app = await createApp({ configuration });
  try {
    await app.listen(0, '127.0.0.1');
    const response = await fetch(`${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/docs-json`);
    if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
    writeFileSync(CONSOLE_SCHEMA_PATH, await consoleApiTypes(await response.json()));
    process.stdout.write(`Wrote ${relative(process.cwd(), CONSOLE_SCHEMA_PATH)}\n`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`web:api failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
