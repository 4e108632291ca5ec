import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, type Repository } from 'typeorm';
import { EbayAuthorization } from './entities/ebay-authorization.entity';

@Injectable()
export class EbayAuthorizationRepository {
  constructor(@InjectRepository(EbayAuthorization) private readonly authorizations: Repository<EbayAuthorization>) {}

  async scopesFor(accountId: string, manager?: EntityManager): Promise<string[]> {
    const repository = manager?.getRepository(EbayAuthorization) ?? this.authorizations;
    return (await repository.findOneBy({ ebayAccountId: accountId }))?.scopes ?? [];
  }

  async replaceScopes(manager: EntityManager, accountId: string, scopes: readonly string[]): Promise<void> {
    await manager
      .getRepository(EbayAuthorization)
      .upsert({ ebayAccountId: accountId, scopes: [...scopes] }, { conflictPaths: ['ebayAccountId'] });
  }
}
