import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { EbayAuthorization } from './entities/ebay-authorization.entity';

@Injectable()
export class EbayAuthorizationRepository {
  constructor(@InjectRepository(EbayAuthorization) private readonly authorizations: Repository<EbayAuthorization>) {}

  async scopesFor(accountId: string, manager?: EntityManager): Promise<string[]> {
    const repository = manager?.getRepository(EbayAuthorization) ?? this.authorizations;
    return (await repository.findOneBy({ ebayAccountId: accountId }))?.scopes ?? [];
  }

  async scopesForMany(accountIds: readonly string[]): Promise<Map<string, string[]>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.authorizations.findBy({ ebayAccountId: In([...accountIds]) });
    return new Map(rows.map((row) => [row.ebayAccountId, row.scopes]));
  }

  async replaceScopes(manager: EntityManager, accountId: string, scopes: readonly string[]): Promise<void> {
    await manager
      .getRepository(EbayAuthorization)
      .upsert({ ebayAccountId: accountId, scopes: [...scopes] }, { conflictPaths: ['ebayAccountId'] });
  }
}
