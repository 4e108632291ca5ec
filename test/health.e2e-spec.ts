import { quotaDay } from '../src/tokens/quota-day';
import { TokenRefreshScheduler } from '../src/tokens/token-refresh.scheduler';
import { startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, dropDatabase, withDatabase } from './support/test-database';

describe('health probes', () => {
  describe('on a healthy database', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers live and ready without credentials or the /api prefix', async () => {
      await t.http.get('/health/live').expect(200, { status: 'ok' });
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body).toMatchObject({
        status: 'ok',
        details: { database: { status: 'up' }, migrations: { status: 'up' } },
      });
      await t.http.get('/api/health/ready').expect(404);
    });

    it('reports database, migrations, memory and the refresher’s last run on /health', async () => {
      // The run that started at boot, joined: on a slow machine it may not have finished yet.
      await t.app.get(TokenRefreshScheduler).runOnce();
      const details = await t.http.get('/health');
      // Compared whole, so that a failure prints the indicator that is down and why.
      expect(details.body.error).toEqual({});
      expect(details.status).toBe(200);
      expect(Object.keys(details.body.details).sort()).toEqual(['database', 'memoryHeap', 'migrations', 'tokenRefresher']);
      expect(details.body.details.tokenRefresher).toMatchObject({
        status: 'up',
        lastRunFinishedAt: expect.any(String),
        quotaDay: quotaDay(new Date()),
        refreshGrantsToday: 0,
        refreshGrantLimit: 50_000,
      });
    });
  });

  it('turns ready to 503 when the database goes away, while live stays 200', async () => {
    const t = await startTestApp();
    try {
      await t.http.get('/health/ready').expect(200);
      await dropDatabase(t.database.name);

      const ready = await t.http.get('/health/ready').expect(503);
      expect(ready.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
      await t.http.get('/health/live').expect(200, { status: 'ok' });
    } finally {
      await t.close();
    }
  });

  it('is not ready while migrations are pending', async () => {
    const database = await createTestDatabase({ migrated: false });
    const t = await startTestApp({ database, env: { DB_MIGRATIONS_RUN: 'false' } });
    try {
      const ready = await t.http.get('/health/ready').expect(503);
      expect(ready.body.error.migrations).toMatchObject({
        status: 'down',
        pending: expect.arrayContaining(['InitialSchema1795424400000']),
      });
      await t.http.get('/health/live').expect(200);
    } finally {
      await t.close();
      await database.drop();
    }
  });

  describe('the refresher indicator', () => {
    it('is down when no replica finished a run within three periods, and says when the quota runs low', async () => {
      const t = await startTestApp({ env: { TOKEN_REFRESH_ENABLED: 'false' } });
      try {
        await withDatabase(t.database.url, async (client) => {
          await client.query(
            `INSERT INTO token_refresh_runs (replica, started_at, finished_at) VALUES ('gone:1', now() - interval '11 minutes', now() - interval '10 minutes')`,
          );
          await client.query(`INSERT INTO ebay_grant_counts (quota_day, grant_type, grants) VALUES ($1, 'refresh_token', 41000)`, [
            quotaDay(new Date()),
          ]);
        });

        const details = await t.http.get('/health').expect(503);

        expect(details.body.error.tokenRefresher).toMatchObject({
          status: 'down',
          message: expect.stringContaining('three schedule periods'),
          refreshGrantsToday: 41_000,
          quota: 'over 80 % used',
        });
        // Readiness is about this replica's database only.
        await t.http.get('/health/ready').expect(200);
      } finally {
        await t.close();
      }
    });
  });
});
