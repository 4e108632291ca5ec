import { DataSource } from 'typeorm';
import type { Clock } from '../../src/common/time/clock';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { ApiCallRecorder } from '../../src/ebay-proxy/api-call-recorder';
import { type ApiCallRecord, ApiCallRepository } from '../../src/ebay-proxy/api-call.repository';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { aTokenRow } from './token-rows';

const systemClock: Clock = { now: () => new Date() };

/** Counts the statements the recorder sends, on the real repository. */
class CountingRepository extends ApiCallRepository {
  statements = 0;
  override recordMany(calls: readonly ApiCallRecord[]): Promise<void> {
    this.statements++;
    return super.recordMany(calls);
  }
}

describe('ApiCallRecorder (real PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: true });
    dataSource = await new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 2 })).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  async function anAccount(): Promise<{ accountId: string; userId: string }> {
    const { accountId } = await aTokenRow(dataSource);
    const [row] = (await dataSource.query('SELECT org_id FROM ebay_accounts WHERE id = $1', [accountId])) as { org_id: string }[];
    return { accountId, userId: row.org_id };
  }

  const aCall = (ids: { accountId: string; userId: string }, path: string): Omit<ApiCallRecord, 'calledAt'> => ({
    ...ids,
    method: 'GET',
    path,
    status: 200,
    attempts: 1,
    durationMs: 21,
    bytesIn: 0,
    bytesOut: 120,
  });

  async function storedPaths(accountId: string): Promise<string[]> {
    const rows = (await dataSource.query('SELECT path FROM ebay_api_calls WHERE ebay_account_id = $1 ORDER BY called_at, path', [
      accountId,
    ])) as { path: string }[];
    return rows.map((row) => row.path);
  }

  it('stores 1,200 calls in three statements, each at the time it was made, once flushed', async () => {
    const repository = new CountingRepository(dataSource);
    const recorder = new ApiCallRecorder(repository, systemClock);
    const ids = await anAccount();
    const before = new Date();
    for (let i = 0; i < 1_200; i++) recorder.record(aCall(ids, `/sell/a/${String(i).padStart(4, '0')}`));
    await recorder.flush();

    expect(repository.statements).toBe(3);
    const paths = await storedPaths(ids.accountId);
    expect(paths).toHaveLength(1_200);
    expect(new Set(paths).size).toBe(1_200);
    const [range] = (await dataSource.query('SELECT min(called_at) AS first, max(called_at) AS last FROM ebay_api_calls WHERE ebay_account_id = $1', [
      ids.accountId,
    ])) as { first: Date; last: Date }[];
    expect(range.first.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
    expect(range.last.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('stores a lone call on its own, nobody flushing', async () => {
    const recorder = new ApiCallRecorder(new ApiCallRepository(dataSource), systemClock);
    const ids = await anAccount();
    recorder.record(aCall(ids, '/sell/lone'));

    let stored: string[] = [];
    for (let i = 0; i < 50 && stored.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored = await storedPaths(ids.accountId);
    }
    expect(stored).toEqual(['/sell/lone']);
  });

  it('drops the calls of an account erased meanwhile and keeps the rest of the batch, without the deleted user', async () => {
    const recorder = new ApiCallRecorder(new ApiCallRepository(dataSource), systemClock);
    const [kept, erased, userGone] = [await anAccount(), await anAccount(), await anAccount()];
    recorder.record(aCall(kept, '/sell/kept'));
    recorder.record(aCall(erased, '/sell/erased'));
    recorder.record(aCall(userGone, '/sell/user-gone'));
    await dataSource.query('DELETE FROM ebay_accounts WHERE id = $1', [erased.accountId]);
    // The account stays (its organisation is another user here); the user who made the call is gone.
    await dataSource.query('UPDATE ebay_accounts SET org_id = $1 WHERE id = $2', [kept.userId, userGone.accountId]);
    await dataSource.query('DELETE FROM users WHERE id = $1', [userGone.userId]);
    await recorder.flush();

    expect(await storedPaths(kept.accountId)).toEqual(['/sell/kept']);
    expect(await storedPaths(erased.accountId)).toEqual([]);
    const [row] = (await dataSource.query('SELECT user_id FROM ebay_api_calls WHERE ebay_account_id = $1', [userGone.accountId])) as {
      user_id: string | null;
    }[];
    expect(row).toEqual({ user_id: null });
  });

  it('stores what is left on shutdown', async () => {
    const recorder = new ApiCallRecorder(new ApiCallRepository(dataSource), systemClock);
    const ids = await anAccount();
    recorder.record(aCall(ids, '/sell/last'));
    await recorder.onApplicationShutdown();
    expect(await storedPaths(ids.accountId)).toEqual(['/sell/last']);
  });
});
