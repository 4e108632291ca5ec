import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnService } from './support/service-process';
import { startTestApp, TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET, type TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';

const BUILT_CONSOLE = join(__dirname, '..', 'dist', 'web');

/**
 * The service serves the console's build (dist/web) at `/` beside the API: its pages answer
 * index.html, its hashed assets are cached for good, and nothing of /api, /docs or /health
 * changes. Needs `npm run build` (npm test builds before jest).
 */
describe('the admin console, served by the service', () => {
  let t: TestApp;

  beforeAll(async () => {
    if (!existsSync(join(BUILT_CONSOLE, 'index.html'))) throw new Error('dist/web is missing: run npm run build first');
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers index.html, never cached without asking again, for each of its pages', async () => {
    for (const path of ['/', '/login', '/connect', '/connect/callback?status=error&reason=declined', '/accounts/5b7d3c1e-4a1f-4a38-9d3c-1f1f0f0e0a01']) {
      const response = await t.http.get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<div id="root"></div>');
    }
  });

  it('sends the hashed assets the page names, cached for a year, under a CSP that allows them', async () => {
    const page = await t.http.get('/').expect(200);
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    expect(readdirSync(join(BUILT_CONSOLE, 'assets'))).toContain(script!.slice('/assets/'.length));

    const asset = await t.http.get(script!).expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('leaves everything else as it was: the API, the docs, the probes, and JSON 404s', async () => {
    expect((await t.http.get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    await t.http.get('/docs-json').expect(200);
    for (const path of ['/api/no-such-route', '/no-such-page', '/assets/no-such-file.js', '/accounts']) {
      const response = await t.http.get(path).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
    // Only reading: a POST to a console page is no page.
    await t.http.post('/login').send({}).expect(404);
  });
});

describe('a service whose console is not built', () => {
  it('answers its pages with a JSON 503 that says to run npm run build', async () => {
    const database = await createTestDatabase({ migrated: true });
    const port = await freePort();
    // A working folder without dist/web, as when only `nest build` ran.
    const cwd = mkdtempSync(join(tmpdir(), 'ebay-connect-unbuilt-'));
    const service = spawnService(
      {
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL: database.url,
        DATA_DIR: join(cwd, 'data'),
        JWT_SECRET: TEST_JWT_SECRET,
        TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        LOG_LEVEL: 'info',
      },
      cwd,
    );
    try {
      await service.waitFor(/ebay-connect is ready/, 60_000);
      const response = await fetch(`http://127.0.0.1:${port}/`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        statusCode: 503,
        code: 'console_not_built',
        message: expect.stringContaining('npm run build'),
      });
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited();
      await database.drop();
    }
  });
});
