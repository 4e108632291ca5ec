import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type Repository } from 'typeorm';
import { EbayToken } from './entities/ebay-token.entity';

/** How long a replica may wait for another's refresh of the same token before giving up. */
const LOCK_TIMEOUT = '20s';

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
   * Reads the row and holds its lock until the surrounding transaction ends: a replica that
   * wants to refresh the same token waits here, then sees the refreshed row.
   */
  async lockByAccountId(manager: EntityManager, accountId: string): Promise<EbayToken | null> {
    await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    return manager
      .getRepository(EbayToken)
      .createQueryBuilder('token')
      .setLock('pessimistic_write')
      .where('token.ebay_account_id = :accountId', { accountId })
      .getOne();
  }

  async update(manager: EntityManager, tokenId: string, changes: TokenChanges): Promise<void> {
    await manager.getRepository(EbayToken).update({ id: tokenId }, changes);
  }

  /** Creates the account's token row, or replaces its content on a reconnect. */
  async upsertForAccount(manager: EntityManager, accountId: string, changes: TokenChanges): Promise<void> {
    await manager
      .getRepository(EbayToken)
      .upsert({ ebayAccountId: accountId, ...changes }, { conflictPaths: ['ebayAccountId'] });
  }

  /**
   * Claims up to `limit` tokens due for a refresh and pushes their next_refresh_at out by the
   * lease, so replicas running the same claim get other rows (SKIP LOCKED) and a claim
   * abandoned by a crashed replica comes back after the lease.
   */
  claimDue(now: Date, limit: number, leaseSeconds: number): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const due: { id: string; ebay_account_id: string }[] = await manager.query(
        `SELECT id, ebay_account_id FROM ebay_tokens
          WHERE status = 'active' AND refresh_token IS NOT NULL AND next_refresh_at <= $1
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

  /** Forgets the account's tokens (disconnect), keeping the row's history. */
  async wipe(manager: EntityManager, accountId: string): Promise<void> {
    await manager
      .getRepository(EbayToken)
      .update({ ebayAccountId: accountId }, { accessToken: null, refreshToken: null, nextRefreshAt: null });
  }
}
