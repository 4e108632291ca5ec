import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, IsNull, type Repository } from 'typeorm';
import { PreparedStatement } from '../database/prepared-statement';
import { violatedUniqueConstraint } from '../database/unique-violation';
import { AccountNotFoundError, ConcurrentConnectError, HouseNameTakenError } from './accounts.errors';
import { type AccountPurpose, EbayAccount } from './entities/ebay-account.entity';
import { houseNameKey } from './house-name';

export interface AccountChanges {
  readonly houseName?: string;
  readonly purpose?: AccountPurpose;
  readonly marketplaceId?: string | null;
  readonly siteId?: number | null;
  readonly username?: string | null;
  readonly isActive?: boolean;
  readonly connectedAt?: Date;
  readonly deletedAt?: Date;
}

export interface NewAccount {
  readonly orgId: string;
  readonly ebayUserId: string;
  readonly username: string;
  readonly houseName: string;
  readonly purpose: AccountPurpose;
  readonly marketplaceId: string | null;
  readonly siteId: number | null;
}

export interface AccountStateCounts {
  readonly active: number;
  readonly disconnected: number;
  readonly deleted: number;
}

/** What a call to eBay for an account needs of it. */
export interface AccountForCall extends Pick<EbayAccount, 'id' | 'marketplaceId' | 'isActive' | 'deletedAt'> {
  readonly needsReauth: boolean;
}

/** $1 the account, $2 its organisation (null: any, for admins). */
export const ACCOUNT_FOR_CALL_SQL = `SELECT a.id, a.marketplace_id, a.is_active, a.deleted_at,
        coalesce(t.status = 'reauth_required', false) AS needs_reauth
   FROM ebay_accounts a LEFT JOIN ebay_tokens t ON t.ebay_account_id = a.id
  WHERE a.id = $1 AND ($2::uuid IS NULL OR a.org_id = $2::uuid)`;

const ACCOUNT_FOR_CALL = new PreparedStatement<{
  id: string;
  marketplace_id: string | null;
  is_active: boolean;
  deleted_at: Date | null;
  needs_reauth: boolean;
}>(
  'ebay_accounts_for_call',
  ACCOUNT_FOR_CALL_SQL,
);

/** Whose accounts a query covers: one organisation's, or (admins) everyone's. */
export type AccountScope = { readonly orgId: string } | { readonly everyOrg: true };

@Injectable()
export class EbayAccountRepository {
  constructor(
    @InjectRepository(EbayAccount) private readonly accounts: Repository<EbayAccount>,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** The account if it is in scope; another organisation's account does not exist. */
  findInScope(scope: AccountScope, id: string): Promise<EbayAccount | null> {
    return this.accounts.findOneBy('orgId' in scope ? { id, orgId: scope.orgId } : { id });
  }

  /**
   * The account if it is in scope, with whether its token needs re-consent, in one prepared
   * statement: what a call to eBay must know first, on the path of every proxied call.
   */
  async findInScopeForCall(scope: AccountScope, id: string): Promise<AccountForCall | null> {
    const [row] = await ACCOUNT_FOR_CALL.rows(this.accounts.manager.connection, [id, 'orgId' in scope ? scope.orgId : null]);
    return row === undefined
      ? null
      : {
          id: row.id,
          marketplaceId: row.marketplace_id,
          isActive: row.is_active,
          deletedAt: row.deleted_at,
          needsReauth: row.needs_reauth,
        };
  }

  /** Accounts by what became of them, in every organisation. */
  async countByState(): Promise<AccountStateCounts> {
    const [row] = (await this.accounts.query(
      `SELECT count(*) FILTER (WHERE is_active)::int AS active,
              count(*) FILTER (WHERE NOT is_active AND deleted_at IS NULL)::int AS disconnected,
              count(*) FILTER (WHERE deleted_at IS NOT NULL)::int AS deleted
         FROM ebay_accounts`,
    )) as AccountStateCounts[];
    return row;
  }

  /** The ids of every active (connected, not deleted) account of every organisation. */
  async activeIds(): Promise<string[]> {
    const rows = await this.accounts.find({ select: { id: true }, where: { isActive: true }, order: { id: 'ASC' } });
    return rows.map((row) => row.id);
  }

  /**
   * Holds the account row (FOR SHARE) until the caller's transaction ends, if eBay has not
   * reported it deleted: erasure (which locks the row first) then waits for that transaction,
   * and erases what it wrote. False when it was erased.
   */
  async holdUnlessDeleted(manager: EntityManager, id: string): Promise<boolean> {
    const rows = (await manager.query(`SELECT 1 FROM ebay_accounts WHERE id = $1 AND deleted_at IS NULL FOR SHARE`, [id])) as unknown[];
    return rows.length === 1;
  }

  /**
   * Holds the account row (FOR KEY SHARE: what an event's foreign key to it takes) until the
   * open transaction (TransactionHost) ends; a deleted account too, whose events still name it.
   */
  async holdForEvent(id: string): Promise<void> {
    await this.txHost.tx.query(`SELECT 1 FROM ebay_accounts WHERE id = $1 FOR KEY SHARE`, [id]);
  }

  /** Every organisation's active accounts that sell (purpose SELLING or BOTH), by id. */
  activeSelling(): Promise<EbayAccount[]> {
    return this.accounts.find({ where: { isActive: true, purpose: In(['SELLING', 'BOTH']) }, order: { id: 'ASC' } });
  }

  /** The organisation's active account whose name compares equal to `houseName`, if any. */
  findActiveByHouseName(orgId: string, houseName: string): Promise<EbayAccount | null> {
    return this.accounts.findOneBy({ orgId, houseNameKey: houseNameKey(houseName), isActive: true });
  }

  /**
   * The organisation's account for this eBay user, locked until the caller's transaction ends:
   * a reconnect decides on the row as it is, not as it was before a concurrent disconnect.
   */
  findByEbayUser(manager: EntityManager, orgId: string, ebayUserId: string): Promise<EbayAccount | null> {
    return manager.getRepository(EbayAccount).findOne({ where: { orgId, ebayUserId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Every organisation's account of this eBay user that is not deleted yet, locked in id order
   * until the caller's transaction ends (docs/modules.md: several accounts lock in id order).
   * A caller that waited for another's lock sees the rows as that one left them.
   */
  lockUndeletedByEbayUser(manager: EntityManager, ebayUserId: string): Promise<EbayAccount[]> {
    return manager.getRepository(EbayAccount).find({
      where: { ebayUserId, deletedAt: IsNull() },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async insert(manager: EntityManager, account: NewAccount): Promise<EbayAccount> {
    const repository = manager.getRepository(EbayAccount);
    return this.translateConflicts(account.houseName, () =>
      repository.save(repository.create({ ...account, houseNameKey: houseNameKey(account.houseName) })),
    );
  }

  /**
   * Applies the changes and returns the account as stored, in one transaction (the caller's,
   * or one of its own) because a rename or a disconnect may hand the name on (see below).
   * The row is locked and read again first: TypeORM writes only what differs from the entity
   * it is given, and an entity read before a concurrent write would make it skip columns
   * (a reconnect after a disconnect kept the account inactive). The account row is the first
   * row a transaction locks (docs/modules.md).
   */
  async update(stale: EbayAccount, changes: AccountChanges, manager?: EntityManager): Promise<EbayAccount> {
    if (manager === undefined) return this.accounts.manager.transaction((own) => this.update(stale, changes, own));
    const repository = manager.getRepository(EbayAccount);
    const account = await repository.findOne({ where: { id: stale.id }, lock: { mode: 'pessimistic_write' } });
    if (account === null) throw new AccountNotFoundError();
    const houseName = changes.houseName ?? account.houseName;
    const isActive = changes.isActive ?? account.isActive;
    const before = { key: account.houseNameKey, plainKey: houseNameKey(account.houseName), isActive: account.isActive };
    // A grandfathered key (migration HouseNameKey) lasts while its account stays active under
    // the same name; any other write stores the name's own key.
    const key = isActive && houseName === account.houseName ? account.houseNameKey : houseNameKey(houseName);
    return this.translateConflicts(houseName, async () => {
      const saved = await repository.save(repository.merge(account, { ...changes, houseNameKey: key }));
      const leftItsKey = before.isActive && before.key === before.plainKey && (!isActive || key !== before.key);
      if (leftItsKey) await this.handOnGrandfatheredName(manager, account.orgId, before.plainKey);
      return saved;
    });
  }

  /**
   * When the account holding a key leaves it, the oldest active account grandfathered under
   * that key (`<key>#<id>`) takes the key over, so that while any active account has the
   * name, the unique index keeps newcomers from taking it.
   */
  private async handOnGrandfatheredName(manager: EntityManager, orgId: string, key: string): Promise<void> {
    await manager.query(
      `UPDATE "ebay_accounts" SET "house_name_key" = $2
        WHERE "id" = (SELECT "id" FROM "ebay_accounts"
                       WHERE "org_id" = $1 AND "is_active" AND "house_name_key" = $2 || '#' || "id"::text
                       ORDER BY "created_at", "id" LIMIT 1)`,
      [orgId, key],
    );
  }

  /** The database holds the unique rules; these are what their violations mean here. */
  private async translateConflicts<T>(houseName: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const constraint = violatedUniqueConstraint(error);
      if (constraint === 'uq_ebay_accounts_org_house_name_active') throw HouseNameTakenError.onWrite(houseName);
      if (constraint === 'uq_ebay_accounts_org_ebay_user') throw new ConcurrentConnectError();
      throw error;
    }
  }
}
