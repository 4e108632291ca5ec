import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, type Repository } from 'typeorm';
import { violatedUniqueConstraint } from '../database/unique-violation';
import type { Page } from '../common/paging/page-query.dto';
import { ConcurrentConnectError, HouseNameTakenError } from './accounts.errors';
import { type AccountPurpose, EbayAccount } from './entities/ebay-account.entity';

export interface AccountChanges {
  readonly houseName?: string;
  readonly purpose?: AccountPurpose;
  readonly marketplaceId?: string | null;
  readonly siteId?: number | null;
  readonly username?: string | null;
  readonly isActive?: boolean;
  readonly connectedAt?: Date;
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

/** Whose accounts a query covers: one organisation's, or (admins) everyone's. */
export type AccountScope = { readonly orgId: string } | { readonly everyOrg: true };

@Injectable()
export class EbayAccountRepository {
  constructor(@InjectRepository(EbayAccount) private readonly accounts: Repository<EbayAccount>) {}

  /** The account if it is in scope; another organisation's account does not exist. */
  findInScope(scope: AccountScope, id: string): Promise<EbayAccount | null> {
    return this.accounts.findOneBy('orgId' in scope ? { id, orgId: scope.orgId } : { id });
  }

  async listPage(scope: AccountScope, limit: number, offset: number): Promise<Page<EbayAccount>> {
    const [items, total] = await this.accounts.findAndCount({
      where: 'orgId' in scope ? { orgId: scope.orgId } : {},
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total, limit, offset };
  }

  findByEbayUser(manager: EntityManager, orgId: string, ebayUserId: string): Promise<EbayAccount | null> {
    return manager.getRepository(EbayAccount).findOneBy({ orgId, ebayUserId });
  }

  async insert(manager: EntityManager, account: NewAccount): Promise<EbayAccount> {
    const repository = manager.getRepository(EbayAccount);
    return this.translateConflicts(account.houseName, () => repository.save(repository.create(account)));
  }

  /** Applies the changes and returns the account as stored. */
  async update(account: EbayAccount, changes: AccountChanges, manager?: EntityManager): Promise<EbayAccount> {
    const repository = manager?.getRepository(EbayAccount) ?? this.accounts;
    return this.translateConflicts(changes.houseName ?? account.houseName, () =>
      repository.save(repository.merge(account, changes)),
    );
  }

  /** The database holds the unique rules; these are what their violations mean here. */
  private async translateConflicts<T>(houseName: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const constraint = violatedUniqueConstraint(error);
      if (constraint === 'uq_ebay_accounts_org_house_name_active') throw new HouseNameTakenError(houseName);
      if (constraint === 'uq_ebay_accounts_org_ebay_user') throw new ConcurrentConnectError();
      throw error;
    }
  }
}
