import { randomUUID } from 'node:crypto';
import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource } from 'typeorm';
import { EbayAccount } from '../../src/accounts/entities/ebay-account.entity';
import { User } from '../../src/auth/entities/user.entity';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { EbayAuthorization } from '../../src/tokens/entities/ebay-authorization.entity';
import { EbayToken } from '../../src/tokens/entities/ebay-token.entity';
import { EbayTokenRepository, type LeasedToken } from '../../src/tokens/ebay-token.repository';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { aTokenRow } from './token-rows';

const CLAIM_LEASE_SECONDS = 120;
const REFRESH_LEASE_SECONDS = 30;

/** The SQL the refresh relies on, against a real PostgreSQL, one database for the file. */
describe('EbayTokenRepository on PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let tokens: EbayTokenRepository;

  async function nextRefreshAt(tokenId: string): Promise<Date | null> {
    const [row] = (await dataSource.query('SELECT next_refresh_at FROM ebay_tokens WHERE id = $1', [tokenId])) as {
      next_refresh_at: Date | null;
    }[];
    return row.next_refresh_at;
  }

  const EVERY_TOKEN = { usedWithinSeconds: undefined };
  const claimDue = (limit: number) => tokens.claimDue(new Date(), limit, REFRESH_LEASE_SECONDS, CLAIM_LEASE_SECONDS, EVERY_TOKEN);
  const claim = async (limit: number) => (await claimDue(limit)).tokens.map((token) => token.row.ebayAccountId);
  /** The lease `leaseId` on row `tokenId`, as an attempt that holds it would present it. */
  const heldLease = (tokenId: string, leaseId: string): LeasedToken => ({ row: { id: tokenId } as EbayToken, leaseId, scopes: [] });
  const leased = async (accountId: string, leaseId: string, seconds: number) =>
    (await tokens.tryLease(accountId, leaseId, seconds)).leased;

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: true });
    dataSource = await new DataSource(
      buildDataSourceOptions({ url: database.url, poolSize: 4, entities: [User, EbayAccount, EbayToken, EbayAuthorization] }),
    ).initialize();
    tokens = new EbayTokenRepository(dataSource.getRepository(EbayToken), dataSource, outsideTransactions(dataSource));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });
  beforeEach(async () => {
    // Claims look at every due row: each test starts with none left over from another.
    await dataSource.query('UPDATE ebay_tokens SET next_refresh_at = NULL');
  });

  describe('claimDue', () => {
    it('claims only active, connected, due rows nobody is refreshing, and pushes them out by the claim lease', async () => {
      const due = await aTokenRow(dataSource);
      const notDue = await aTokenRow(dataSource, { nextRefreshInSeconds: 600 });
      await aTokenRow(dataSource, { status: 'reauth_required' });
      await aTokenRow(dataSource, { refreshToken: null, accessToken: null });
      await aTokenRow(dataSource, { leaseSecondsLeft: 20 });
      const expiredLease = await aTokenRow(dataSource, { leaseSecondsLeft: -1 });

      const claimed = await claim(10);

      expect(claimed.sort()).toEqual([due.accountId, expiredLease.accountId].sort());
      const pushedMs = (await nextRefreshAt(due.tokenId))!.getTime() - Date.now();
      expect(pushedMs).toBeGreaterThan((CLAIM_LEASE_SECONDS - 5) * 1000);
      expect(pushedMs).toBeLessThanOrEqual(CLAIM_LEASE_SECONDS * 1000);
      expect(await claim(10)).toEqual([]);
      expect((await nextRefreshAt(notDue.tokenId))!.getTime()).toBeGreaterThan(Date.now() + 500_000);
    });

    it('leases each claimed token to an attempt of its own, with the scopes its owner consented to', async () => {
      const rows = await Promise.all(Array.from({ length: 2 }, () => aTokenRow(dataSource)));
      await dataSource.query(`INSERT INTO ebay_authorizations (ebay_account_id, scopes) VALUES ($1, $2)`, [
        rows[0].accountId,
        ['https://api.ebay.com/oauth/api_scope'],
      ]);

      const { tokens: claimed } = await claimDue(10);

      expect(claimed.map((token) => token.row.id).sort()).toEqual(rows.map((row) => row.tokenId).sort());
      expect(new Set(claimed.map((token) => token.leaseId)).size).toBe(2);
      const first = claimed.find((token) => token.row.id === rows[0].tokenId)!;
      expect(first.scopes).toEqual(['https://api.ebay.com/oauth/api_scope']);
      expect(first.row.refreshLeaseId).toBe(first.leaseId);
      for (const row of rows) expect(await leased(row.accountId, randomUUID(), 30)).toBe(false);
      expect(await tokens.updateUnderLease(first, { refreshError: 'written by the claim’s attempt' })).toBe(true);
      expect(await tokens.isLeaseFree(rows[0].accountId)).toBe(true);
    });

    it('claims, under the active policy, only the tokens used within the warm window', async () => {
      const used = await aTokenRow(dataSource);
      const idle = await aTokenRow(dataSource);
      const never = await aTokenRow(dataSource);
      await dataSource.query(`UPDATE ebay_tokens SET last_used_at = now() - interval '1 hour' WHERE id = $1`, [used.tokenId]);
      await dataSource.query(`UPDATE ebay_tokens SET last_used_at = now() - interval '2 days' WHERE id = $1`, [idle.tokenId]);
      await dataSource.query(`UPDATE ebay_tokens SET last_used_at = NULL WHERE id = $1`, [never.tokenId]);

      const warm = await tokens.claimDue(new Date(), 10, REFRESH_LEASE_SECONDS, CLAIM_LEASE_SECONDS, { usedWithinSeconds: 86_400 });

      expect(warm.tokens.map((token) => token.row.ebayAccountId)).toEqual([used.accountId]);
      expect((await claim(10)).sort()).toEqual([idle.accountId, never.accountId].sort());
    });

    it('skips rows another claim holds locked instead of waiting for them (SKIP LOCKED)', async () => {
      const rows = await Promise.all(Array.from({ length: 6 }, () => aTokenRow(dataSource)));
      const held = rows.slice(0, 3).map((row) => row.tokenId);
      const other = dataSource.createQueryRunner();
      await other.connect();
      await other.startTransaction();
      try {
        await other.query('SELECT id FROM ebay_tokens WHERE id = ANY($1::uuid[]) FOR UPDATE', [held]);

        const claimed = await claim(10);

        // Answered while the other transaction still holds its three rows.
        expect(other.isTransactionActive).toBe(true);
        expect(claimed.sort()).toEqual(rows.slice(3).map((row) => row.accountId).sort());
      } finally {
        await other.rollbackTransaction();
        await other.release();
      }
      expect((await claim(10)).sort()).toEqual(
        rows.slice(0, 3).map((row) => row.accountId).sort(),
      );
    });

    it('splits due rows between claims running at the same time, each row once', async () => {
      const rows = await Promise.all(Array.from({ length: 40 }, () => aTokenRow(dataSource)));
      const claims = await Promise.all(Array.from({ length: 4 }, () => claim(8)));
      const rest = await claim(40);

      const all = [...claims.flat(), ...rest];
      expect(all.sort()).toEqual(rows.map((row) => row.accountId).sort());
      expect(new Set(all).size).toBe(40);
    });
  });

  describe('findAccessToken', () => {
    it('reads what handing out a token needs, and says when the account is no longer connected', async () => {
      const { accountId } = await aTokenRow(dataSource, { accessToken: 'sealed access' });
      expect(await tokens.findAccessToken(accountId)).toEqual({
        accessToken: 'sealed access',
        expiresAt: expect.any(Date),
        status: 'active',
        isConnected: true,
      });

      await dataSource.transaction((manager) => tokens.wipe(manager, accountId));

      expect(await tokens.findAccessToken(accountId)).toMatchObject({ accessToken: null, isConnected: false });
      expect(await tokens.findAccessToken(randomUUID())).toBeNull();
    });
  });

  describe('returnClaim', () => {
    it('makes claimed tokens due again, except those refreshed since the claim', async () => {
      const rows = await Promise.all(Array.from({ length: 3 }, () => aTokenRow(dataSource)));
      const claimed = await claimDue(10);
      expect(claimed.tokens).toHaveLength(3);
      const refreshedMeanwhile = new Date(Date.now() + 7_000_000);
      await dataSource.query('UPDATE ebay_tokens SET next_refresh_at = $1 WHERE id = $2', [refreshedMeanwhile, rows[0].tokenId]);

      await tokens.returnClaim(claimed, new Date());

      expect((await claim(10)).sort()).toEqual([rows[1].accountId, rows[2].accountId].sort());
      expect(await nextRefreshAt(rows[0].tokenId)).toEqual(refreshedMeanwhile);
      // Its lease is still the claim's: the refresh that changed it is the one to give it back.
      expect(await tokens.isLeaseFree(rows[0].accountId)).toBe(false);
    });
  });

  describe('the refresh lease', () => {
    it('goes to one attempt at a time; the holder writes and gives it back, others cannot write', async () => {
      const { accountId, tokenId } = await aTokenRow(dataSource);
      const mine = randomUUID();
      const theirs = randomUUID();

      const taken = await Promise.all([leased(accountId, mine, 30), leased(accountId, theirs, 30)]);
      expect(taken.filter(Boolean)).toHaveLength(1);
      const [holder, other] = taken[0] ? [mine, theirs] : [theirs, mine];
      expect(await tokens.isLeaseFree(accountId)).toBe(false);

      expect(await tokens.updateUnderLease(heldLease(tokenId, other), { refreshError: 'not mine to write' })).toBe(false);
      expect(await tokens.updateUnderLease(heldLease(tokenId, holder), { refreshError: null, refreshFailures: 0 })).toBe(true);
      expect(await tokens.isLeaseFree(accountId)).toBe(true);
      // Given back: a second write under the same lease is refused.
      expect(await tokens.updateUnderLease(heldLease(tokenId, holder), { refreshFailures: 7 })).toBe(false);
      const [row] = (await dataSource.query('SELECT refresh_error, refresh_failures FROM ebay_tokens WHERE id = $1', [tokenId])) as {
        refresh_error: string | null;
        refresh_failures: number;
      }[];
      expect(row).toEqual({ refresh_error: null, refresh_failures: 0 });
    });

    it('stores a refresh only under the lease, keeping the refresh token when eBay sends none', async () => {
      const { accountId, tokenId } = await aTokenRow(dataSource, { refreshToken: 'the consented refresh token' });
      const attempt = await tokens.tryLease(accountId, randomUUID(), 30);
      if (!attempt.leased) throw new Error('the lease should have been free');
      const expiresAt = new Date(Date.now() + 7_200_000);
      const refreshed = {
        accessToken: 'new access',
        tokenType: 'User Access Token',
        expiresAt,
        refreshedAt: new Date(),
        nextRefreshAt: new Date(expiresAt.getTime() - 900_000),
      };

      expect(await tokens.storeRefresh(heldLease(tokenId, randomUUID()), refreshed)).toBe(false);
      expect(await tokens.storeRefresh(attempt.token, refreshed)).toBe(true);
      expect(await tokens.storeRefresh(attempt.token, refreshed)).toBe(false);

      expect(await tokens.findByAccountId(accountId)).toMatchObject({
        accessToken: 'new access',
        refreshToken: 'the consented refresh token',
        expiresAt,
        refreshError: null,
        refreshFailures: 0,
        refreshLeaseId: null,
      });
    });

    it('runs out: a crashed holder’s lease is taken over, and the old holder can no longer write', async () => {
      const { accountId, tokenId } = await aTokenRow(dataSource);
      const crashed = randomUUID();
      expect(await leased(accountId, crashed, 1)).toBe(true);
      expect(await leased(accountId, randomUUID(), 30)).toBe(false);

      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await tokens.isLeaseFree(accountId)).toBe(true);
      const successor = randomUUID();
      expect(await leased(accountId, successor, 30)).toBe(true);

      expect(await tokens.updateUnderLease(heldLease(tokenId, crashed), { refreshError: 'late' })).toBe(false);
      expect(await tokens.updateUnderLease(heldLease(tokenId, successor), { refreshError: null })).toBe(true);
    });

    it('is broken by a disconnect and by a new consent, so a refresh in flight cannot write over them', async () => {
      const disconnected = await aTokenRow(dataSource);
      const lease = randomUUID();
      await leased(disconnected.accountId, lease, 30);
      await dataSource.transaction((manager) => tokens.wipe(manager, disconnected.accountId));
      expect(await tokens.updateUnderLease(heldLease(disconnected.tokenId, lease), { accessToken: 'resurrected' })).toBe(false);

      const reconnected = await aTokenRow(dataSource);
      const old = randomUUID();
      await leased(reconnected.accountId, old, 30);
      await dataSource.transaction((manager) =>
        tokens.upsertForAccount(manager, reconnected.accountId, { accessToken: 'new consent', refreshToken: 'new refresh' }),
      );
      expect(await tokens.updateUnderLease(heldLease(reconnected.tokenId, old), { accessToken: 'old grant' })).toBe(false);
      const [row] = (await dataSource.query('SELECT access_token FROM ebay_tokens WHERE id = $1', [reconnected.tokenId])) as {
        access_token: string;
      }[];
      expect(row.access_token).toBe('new consent');
    });

    it('reads the row in the same statement, whether it takes the lease or finds it held', async () => {
      const { accountId, tokenId } = await aTokenRow(dataSource);
      const first = await tokens.tryLease(accountId, randomUUID(), 30);
      const second = await tokens.tryLease(accountId, randomUUID(), 30);

      if (!first.leased) throw new Error('the first attempt should have taken the lease');
      expect(first.token).toMatchObject({ row: { id: tokenId, ebayAccountId: accountId, status: 'active' }, scopes: [] });
      expect(second).toMatchObject({ leased: false, row: { id: tokenId, refreshLeaseId: first.token.leaseId } });
      expect(first.token.row.refreshLeaseUntil!.getTime()).toBeGreaterThan(Date.now() + 25_000);
    });

    it('is not taken for a token that cannot be refreshed, whose row it still reads', async () => {
      const reauth = await aTokenRow(dataSource, { status: 'reauth_required' });
      const disconnected = await aTokenRow(dataSource, { refreshToken: null, accessToken: null });

      expect(await tokens.tryLease(reauth.accountId, randomUUID(), 30)).toMatchObject({
        leased: false,
        row: { status: 'reauth_required' },
      });
      expect(await tokens.tryLease(disconnected.accountId, randomUUID(), 30)).toMatchObject({
        leased: false,
        row: { refreshToken: null },
      });
      expect(await tokens.isLeaseFree(reauth.accountId)).toBe(true);
    });

    it('is not taken for an account without a token row', async () => {
      expect(await leased(randomUUID(), randomUUID(), 30)).toBe(false);
      expect(await tokens.isLeaseFree(randomUUID())).toBe(true);
    });
  });
});

/** Without Nest there is no transaction to join: the repository queries the pool, as outside one in the app. */
function outsideTransactions(dataSource: DataSource): TransactionHost<TransactionalAdapterTypeOrm> {
  return { tx: dataSource.manager } as unknown as TransactionHost<TransactionalAdapterTypeOrm>;
}
