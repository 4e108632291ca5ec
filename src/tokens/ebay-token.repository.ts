import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type Repository } from 'typeorm';
import { EbayToken } from './entities/ebay-token.entity';

export type TokenChanges = Partial<
  Pick<
    EbayToken,
    | 'accessToken'
    | 'refreshToken'
    | 'tokenType'
    | 'expiresAt'
    | 'lastRefreshedAt'
    | 'refreshError'
    | 'status'
    | 'refreshTokenExpiresAt'
    | 'refreshFailures'
    | 'nextRefreshAt'
  >
>;

/** A lease is free when nobody holds it or its holder's time ran out (database time). */
const LEASE_IS_FREE = '(refresh_lease_until IS NULL OR refresh_lease_until <= now())';
const NO_LEASE = { refreshLeaseId: null, refreshLeaseUntil: null } as const;

@Injectable()
export class EbayTokenRepository {
  constructor(
    @InjectRepository(EbayToken) private readonly tokens: Repository<EbayToken>,
    private readonly dataSource: DataSource,
  ) {}

  findByAccountId(accountId: string): Promise<EbayToken | null> {
    return this.tokens.findOneBy({ ebayAccountId: accountId });
  }

  findByAccountIds(accountIds: readonly string[]): Promise<EbayToken[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return this.tokens.findBy({ ebayAccountId: In([...accountIds]) });
  }

  /**
   * Takes the account's refresh lease for `seconds`, in one statement (no transaction stays
   * open): false when another attempt holds a lease that has not run out, or there is no row.
   */
  async takeLease(accountId: string, leaseId: string, seconds: number): Promise<boolean> {
    const result = await this.tokens
      .createQueryBuilder()
      .update(EbayToken)
      .set({ refreshLeaseId: leaseId, refreshLeaseUntil: () => 'now() + make_interval(secs => :seconds)' })
      .where(`ebay_account_id = :accountId AND ${LEASE_IS_FREE}`)
      .setParameters({ accountId, seconds })
      .execute();
    return result.affected === 1;
  }

  /** True once nobody holds the account's lease any more (or it has no token row). */
  async isLeaseFree(accountId: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      `SELECT ${LEASE_IS_FREE} AS free FROM ebay_tokens WHERE ebay_account_id = $1`,
      [accountId],
    )) as { free: boolean }[];
    return row === undefined || row.free;
  }

  /**
   * Writes a refresh's outcome and gives the lease back, only if the lease is still this
   * attempt's: false when it is not (it ran out and was taken over, or a disconnect or a new
   * consent replaced the row's tokens meanwhile), and nothing is written.
   */
  async updateUnderLease(tokenId: string, leaseId: string, changes: TokenChanges): Promise<boolean> {
    const result = await this.tokens.update({ id: tokenId, refreshLeaseId: leaseId }, { ...changes, ...NO_LEASE });
    return result.affected === 1;
  }

  /** Gives the lease back without changing the tokens (nothing needed doing, or it failed). */
  async releaseLease(tokenId: string, leaseId: string): Promise<void> {
    await this.tokens.update({ id: tokenId, refreshLeaseId: leaseId }, NO_LEASE);
  }

  /**
   * Creates the account's token row, or replaces its content on a reconnect. A refresh still
   * running with the old grant loses its lease, so it cannot overwrite the new tokens.
   */
  async upsertForAccount(manager: EntityManager, accountId: string, changes: TokenChanges): Promise<void> {
    await manager
      .getRepository(EbayToken)
      .upsert({ ebayAccountId: accountId, ...changes, ...NO_LEASE }, { conflictPaths: ['ebayAccountId'] });
  }

  /**
   * Claims up to `limit` tokens due for a refresh and pushes their next_refresh_at out by the
   * lease, so replicas running the same claim get other rows (SKIP LOCKED) and a claim
   * abandoned by a crashed replica comes back after the lease. Rows being refreshed right now
   * (a caller's on-demand refresh holds the lease) are left alone.
   */
  claimDue(now: Date, limit: number, leaseSeconds: number): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const due: { id: string; ebay_account_id: string }[] = await manager.query(
        `SELECT id, ebay_account_id FROM ebay_tokens
          WHERE status = 'active' AND refresh_token IS NOT NULL AND next_refresh_at <= $1 AND ${LEASE_IS_FREE}
          ORDER BY next_refresh_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      if (due.length === 0) return [];
      await manager.query(`UPDATE ebay_tokens SET next_refresh_at = $1 WHERE id = ANY($2::uuid[])`, [
        new Date(now.getTime() + leaseSeconds * 1000),
        due.map((row) => row.id),
      ]);
      return due.map((row) => row.ebay_account_id);
    });
  }

  /** Forgets the account's tokens (disconnect), keeping the row's history; a running refresh loses its lease. */
  async wipe(manager: EntityManager, accountId: string): Promise<void> {
    await manager
      .getRepository(EbayToken)
      .update({ ebayAccountId: accountId }, { accessToken: null, refreshToken: null, nextRefreshAt: null, ...NO_LEASE });
  }
}
