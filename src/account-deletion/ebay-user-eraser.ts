import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts';
import { Clock } from '../common/time/clock';
import { AccountDeletionAuditRepository } from './account-deletion-audit.repository';
import type { AccountDeletionNotification } from './account-deletion-notification';

/** What a verified deletion did. */
export type ErasureOutcome =
  /** Accounts of the user were erased, and the erasure recorded. */
  | { readonly kind: 'erased'; readonly accountIds: readonly string[] }
  /** Nothing of the user is held here: never connected, or erased already (eBay resends). */
  | { readonly kind: 'nothing_held' };

/**
 * Erases everything the service holds about one eBay user, in one transaction: every
 * organisation's account of that user (tokens wiped, personal data erased, marked deleted)
 * and the audit row. This is the one place erasure happens: a table that later holds a user's
 * data (orders and their buyers, raw payloads: the sync issue) adds its erase step here, by
 * the erased account ids, inside the same transaction.
 */
@Injectable()
export class EbayUserEraser {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly audit: AccountDeletionAuditRepository,
    private readonly clock: Clock,
  ) {}

  /** Erases the notification's eBay user everywhere and records it, or does nothing when nothing is held. */
  async erase(notification: AccountDeletionNotification): Promise<ErasureOutcome> {
    return this.dataSource.transaction(async (manager) => {
      // Account rows lock first (then their tokens): a copy of this notification arriving at
      // the same time waits here and then finds nothing left to erase.
      const accountIds = await this.accounts.eraseEbayUser(manager, notification.ebayUserId);
      if (accountIds.length === 0) return { kind: 'nothing_held' };
      // Already recorded means eBay resent a notification whose user was connected again since
      // (another organisation): that is erased too, under the first record.
      await this.audit.record(manager, notification.notificationId, notification.ebayUserId, this.clock.now());
      return { kind: 'erased', accountIds };
    });
  }
}
