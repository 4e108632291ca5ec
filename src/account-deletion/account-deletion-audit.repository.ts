import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EbayAccountDeletion } from './entities/ebay-account-deletion.entity';

@Injectable()
export class AccountDeletionAuditRepository {
  /**
   * Records an erasure inside the caller's transaction. Answers false when the notification
   * was recorded before (a concurrent copy waits here for the first to commit, then sees it).
   */
  async record(manager: EntityManager, notificationId: string, ebayUserId: string, erasedAt: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(EbayAccountDeletion)
      .values({ notificationId, ebayUserId, erasedAt })
      // ON CONFLICT DO NOTHING: a copy recorded first is the record.
      .orIgnore()
      .returning('notification_id')
      .execute();
    const inserted = result.raw as unknown[];
    return inserted.length > 0;
  }
}
