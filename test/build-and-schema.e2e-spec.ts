import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_DIR } from '../src/database/data-source-options';
import { spawnService } from './support/service-process';
import { startTestApp } from './support/test-app';
import { createTestDatabase, withDatabase } from './support/test-database';

const REPOSITORY = join(__dirname, '..');
const DIST = join(REPOSITORY, 'dist');
const FUTURE_MIGRATION = 'FromANewerBuild1900000000000';

/** The env of a service process that must not get as far as serving. */
function serviceEnv(databaseUrl: string): Record<string, string> {
  return { NODE_ENV: 'test', DATABASE_URL: databaseUrl, PORT: '0', LOG_FORMAT: 'json', TOKEN_REFRESH_ENABLED: 'false' };
}

describe('builds that cannot ship broken', () => {
  it('compile every migration into dist/migrations (npm run build is nest build, then the console)', () => {
    const sources = readdirSync(MIGRATIONS_DIR).filter((file) => file.endsWith('.ts'));
    const built = readdirSync(join(DIST, 'migrations')).filter((file) => file.endsWith('.js'));
    expect(sources.length).toBeGreaterThan(0);
    expect(built.sort()).toEqual(sources.map((file) => file.replace(/\.ts$/, '.js')).sort());
    const scripts = (JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    // nest build empties dist/ first (deleteOutDir), so the console's build (dist/web) comes after it.
    expect(scripts.build).toBe('nest build && vite build');
    // The image builds with the same command from the same sources.
    const dockerfile = readFileSync(join(REPOSITORY, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^COPY migrations \.\/migrations$/m);
    expect(dockerfile).toMatch(/^COPY web \.\/web$/m);
    expect(dockerfile).toMatch(/^RUN npm run build\b/m);
  });

  it('refuses to start from a build that holds no migrations, saying how to build it', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'ebay-connect-build-'));
    cpSync(join(DIST, 'src'), join(copy, 'dist', 'src'), { recursive: true });
    symlinkSync(join(REPOSITORY, 'node_modules'), join(copy, 'node_modules'));
    expect(existsSync(join(copy, 'dist', 'migrations'))).toBe(false);
    const database = await createTestDatabase({ migrated: false });
    try {
      const service = spawnService(serviceEnv(database.url), copy, join(copy, 'dist', 'src', 'main.js'));

      expect(await service.exited()).toBe(1);
      expect(service.output()).toContain('This build holds no migrations');
      expect(service.output()).toContain('npm run build');
      const tables = await withDatabase(database.url, (client) =>
        client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`),
      );
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await database.drop();
    }
  });

  it('refuses to start on a database a newer build migrated, naming the migrations it does not know', async () => {
    const database = await createTestDatabase({ migrated: true });
    try {
      await withDatabase(database.url, (client) =>
        client.query('INSERT INTO migrations (timestamp, name) VALUES ($1, $2)', [1900000000000, FUTURE_MIGRATION]),
      );
      const service = spawnService(serviceEnv(database.url), mkdtempSync(join(tmpdir(), 'ebay-connect-old-')));

      expect(await service.exited()).toBe(1);
      expect(service.output()).toContain(`The database has migrations this build does not know (${FUTURE_MIGRATION})`);
    } finally {
      await database.drop();
    }
  });

  it('turns not ready when a newer build migrates the database under a running replica', async () => {
    const t = await startTestApp();
    try {
      await t.http.get('/health/ready').expect(200);
      await withDatabase(t.database.url, (client) =>
        client.query('INSERT INTO migrations (timestamp, name) VALUES ($1, $2)', [1900000000000, FUTURE_MIGRATION]),
      );

      const ready = await t.http.get('/health/ready').expect(503);

      expect(ready.body.error.migrations).toMatchObject({ status: 'down', unknown: [FUTURE_MIGRATION] });
      expect(ready.body.error.migrations.message).toContain('a newer build migrated it');
      await t.http.get('/health/live').expect(200);
    } finally {
      await t.close();
    }
  });
});
