import { DataSource } from 'typeorm';
import type { Clock } from '../src/common/time/clock';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { PostgresThrottlerStorage, storedKey } from '../src/rate-limits/postgres-throttler-storage';
import { RateLimitRepository } from '../src/rate-limits/rate-limit.repository';
import { RateLimitSweeper } from '../src/rate-limits/rate-limit-sweeper';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const START = new Date('2026-11-23T10:00:00.000Z');
const MINUTE = 60_000;

/** A clock the test moves by hand. */
class ManualClock implements Clock {
  private time = START.getTime();
  now(): Date {
    return new Date(this.time);
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

describe('the PostgreSQL throttler storage (SQL of rate_limits)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let clock: ManualClock;
  let storage: PostgresThrottlerStorage;
  let sweeper: RateLimitSweeper;
  let keyNumber = 0;

  /** A key no other test uses. */
  const aKey = (): string => `client-${++keyNumber}`;
  const rowOf = async (name: string, key: string): Promise<{ hits: number; is_blocked: boolean } | undefined> =>
    (await dataSource.query('SELECT hits, is_blocked FROM rate_limits WHERE key = $1', [storedKey(name, key)]))[0];

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: true });
    dataSource = await new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 4 })).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });
  beforeEach(() => {
    clock = new ManualClock();
    const repository = new RateLimitRepository(dataSource);
    storage = new PostgresThrottlerStorage(repository, clock);
    sweeper = new RateLimitSweeper(repository, clock);
  });

  it('counts hits in a window and blocks the hit after the limit for the block duration', async () => {
    const key = aKey();
    const records = [];
    for (let hit = 0; hit < 4; hit++) {
      records.push(await storage.increment(key, MINUTE, 3, 2 * MINUTE, 'test'));
      clock.advance(1_000);
    }

    expect(records).toEqual([
      { totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 },
      { totalHits: 2, timeToExpire: 59, isBlocked: false, timeToBlockExpire: 0 },
      { totalHits: 3, timeToExpire: 58, isBlocked: false, timeToBlockExpire: 0 },
      { totalHits: 4, timeToExpire: 120, isBlocked: true, timeToBlockExpire: 120 },
    ]);
  });

  it('counts nothing while a key is blocked: the block neither grows nor lasts longer', async () => {
    const key = aKey();
    for (let hit = 0; hit < 3; hit++) await storage.increment(key, MINUTE, 2, 2 * MINUTE, 'test');

    clock.advance(30_000);
    const during = [];
    for (let hit = 0; hit < 20; hit++) during.push(await storage.increment(key, MINUTE, 2, 2 * MINUTE, 'test'));

    expect(new Set(during.map((record) => JSON.stringify(record)))).toEqual(
      new Set([JSON.stringify({ totalHits: 3, timeToExpire: 90, isBlocked: true, timeToBlockExpire: 90 })]),
    );
    expect(await rowOf('test', key)).toEqual({ hits: 3, is_blocked: true });
  });

  it('starts a window that ended again at 1', async () => {
    const key = aKey();
    await storage.increment(key, MINUTE, 5, MINUTE, 'test');
    await storage.increment(key, MINUTE, 5, MINUTE, 'test');

    clock.advance(MINUTE);
    const restarted = await storage.increment(key, MINUTE, 5, MINUTE, 'test');

    expect(restarted).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('lets a key in again, counting from 1, once its block has ended', async () => {
    const key = aKey();
    for (let hit = 0; hit < 2; hit++) await storage.increment(key, MINUTE, 1, 5 * MINUTE, 'test');
    clock.advance(5 * MINUTE - 1_000);
    expect((await storage.increment(key, MINUTE, 1, 5 * MINUTE, 'test')).isBlocked).toBe(true);

    clock.advance(1_000);
    const after = await storage.increment(key, MINUTE, 1, 5 * MINUTE, 'test');

    expect(after).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('without a block duration, refuses until the window ends', async () => {
    const key = aKey();
    await storage.increment(key, MINUTE, 1, 0, 'test');
    clock.advance(20_000);

    expect(await storage.increment(key, MINUTE, 1, 0, 'test')).toEqual({
      totalHits: 2,
      timeToExpire: 40,
      isBlocked: true,
      timeToBlockExpire: 40,
    });
  });

  it('stores a hash under the throttler name, never the key, and counts each name apart', async () => {
    const huge = `${'x'.repeat(100_000)}@example.com`;
    await storage.increment(huge, MINUTE, 5, MINUTE, 'login-email');
    await storage.increment(huge, MINUTE, 5, MINUTE, 'login-email');
    const other = await storage.increment(huge, MINUTE, 5, MINUTE, 'register-email');

    expect(other.totalHits).toBe(1);
    const keys: { key: string }[] = await dataSource.query(
      `SELECT key FROM rate_limits WHERE key LIKE 'login-email:%' OR key LIKE 'register-email:%' ORDER BY key`,
    );
    expect(keys.map((row) => row.key)).toEqual([
      expect.stringMatching(/^login-email:[0-9a-f]{64}$/),
      expect.stringMatching(/^register-email:[0-9a-f]{64}$/),
    ]);
    expect(await rowOf('login-email', huge)).toEqual({ hits: 2, is_blocked: false });
  });

  it('counts every one of many simultaneous hits from two connection pools exactly once', async () => {
    const key = aKey();
    const second = await new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 4 })).initialize();
    try {
      const otherReplica = new PostgresThrottlerStorage(new RateLimitRepository(second), clock);
      const records = await Promise.all(
        Array.from({ length: 40 }, (_, hit) =>
          (hit % 2 === 0 ? storage : otherReplica).increment(key, MINUTE, 30, MINUTE, 'test'),
        ),
      );

      const allowed = records.filter((record) => !record.isBlocked).map((record) => record.totalHits);
      expect(allowed.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(records.filter((record) => record.isBlocked)).toHaveLength(10);
      expect(await rowOf('test', key)).toEqual({ hits: 31, is_blocked: true });
    } finally {
      await second.destroy();
    }
  });

  it('sweeps the rows whose window or block has ended, in batches, and keeps the live ones', async () => {
    await dataSource.query('DELETE FROM rate_limits');
    const live = aKey();
    const blocked = aKey();
    const ended = aKey();
    const unblocked = aKey();
    await storage.increment(ended, MINUTE, 5, MINUTE, 'test');
    for (let hit = 0; hit < 2; hit++) await storage.increment(unblocked, MINUTE, 1, 2 * MINUTE, 'test');
    clock.advance(2 * MINUTE);
    await storage.increment(live, MINUTE, 5, MINUTE, 'test');
    for (let hit = 0; hit < 2; hit++) await storage.increment(blocked, MINUTE, 1, 10 * MINUTE, 'test');
    clock.advance(MINUTE / 2);
    // Enough ended rows that one statement cannot take them all.
    await dataSource.query(
      `INSERT INTO rate_limits (key, hits, resets_at)
       SELECT 'test:' || md5(n::text) || md5(n::text), 1, $1::timestamptz FROM generate_series(1, 12000) AS n`,
      [new Date(clock.now().getTime() - 1_000)],
    );

    expect(await sweeper.sweep()).toBe(12_002);

    const left: { key: string }[] = await dataSource.query('SELECT key FROM rate_limits ORDER BY key');
    expect(left.map((row) => row.key).sort()).toEqual([storedKey('test', blocked), storedKey('test', live)].sort());
  });

  it('refuses a key longer than a name and a hash in the table itself', async () => {
    await expect(
      dataSource.query(`INSERT INTO rate_limits (key, hits, resets_at) VALUES ($1, 1, now())`, ['k'.repeat(101)]),
    ).rejects.toThrow(/ck_rate_limits_key_length/);
  });
});
