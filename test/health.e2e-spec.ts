import { startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, dropDatabase } from './support/test-database';

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

    it('reports database, migrations and memory on /health', async () => {
      const details = await t.http.get('/health').expect(200);
      expect(Object.keys(details.body.details).sort()).toEqual(['database', 'memoryHeap', 'migrations']);
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
});
