import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EbayAuthorization } from './entities/ebay-authorization.entity';

/**
 * Writes the consented scopes, inside a consent's transaction. They are read with the token
 * (the claim and the lease read them with the row; the list with the summaries).
 */
@Injectable()
export class EbayAuthorizationRepository {
  async replaceScopes(manager: EntityManager, accountId: string, scopes: readonly string[]): Promise<void> {
    await manager
      .getRepository(EbayAuthorization)
      .upsert({ ebayAccountId: accountId, scopes: [...scopes] }, { conflictPaths: ['ebayAccountId'] });
  }
}
