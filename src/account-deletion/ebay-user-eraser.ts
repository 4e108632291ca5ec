import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts';
import { Clock } from '../common/time/clock';
import { EventsService } from '../events';
import { type ErasedSyncedData, type RedactedBuyer, SyncedDataEraser } from '../sync';
import { AccountDeletionAuditRepository } from './account-deletion-audit.repository';
import type { AccountDeletionNotification } from './account-deletion-notification';

/** What a verified deletion did. */
export type ErasureOutcome =
  /**
   * Something of the user was held and is gone, and the erasure recorded: their accounts
   * (none when they were only a buyer here) with those accounts' synced orders, transactions
   * and cursors, and their personal data in other sellers' stored orders and transactions.
   */
  | {
      readonly kind: 'erased';
      readonly accountIds: readonly string[];
      readonly syncedData: ErasedSyncedData;
      readonly asBuyer: RedactedBuyer;
    }
  /** Nothing of the user is held here: never seen, or erased already (eBay resends). */
  | { readonly kind: 'nothing_held' };

/**
 * Erases everything the service holds about one eBay user, in one transaction: every
 * organisation's account of that user (tokens wiped, personal data erased, marked deleted),
 * those accounts' synced orders, transactions and cursors, the user's data as a buyer in any
 * seller's stored orders and transactions, and the audit row. This is the one place erasure
 * happens: a table that later holds a user's data adds its erase step here, inside the same
 * transaction (by the erased account ids when it belongs to an account).
 */
@Injectable()
export class EbayUserEraser {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly accounts: AccountsService,
    private readonly syncedData: SyncedDataEraser,
    private readonly audit: AccountDeletionAuditRepository,
    private readonly clock: Clock,
    private readonly events: EventsService,
  ) {}

  /** Erases the notification's eBay user everywhere and records it, or does nothing when nothing is held. */
  async erase(notification: AccountDeletionNotification): Promise<ErasureOutcome> {
    return this.txHost.withTransaction(async () => {
      const manager = this.txHost.tx;
      // Account rows lock first (then their tokens): a copy of this notification arriving at
      // the same time waits here and then finds nothing left to erase.
      const accountIds = await this.accounts.eraseEbayUser(manager, notification.ebayUserId);
      const syncedData = await this.syncedData.eraseAccounts(manager, accountIds);
      // eBay notifies about every closed eBay account, buyers included. Stored records name
      // their buyer by username, or for some buyers by the immutable user id eBay sends in
      // its place (docs/ebay.md, section 7); both are looked for.
      const asBuyer = await this.syncedData.redactBuyer(manager, buyerNamesOf(notification));
      if (accountIds.length === 0 && asBuyer.orders === 0 && asBuyer.transactions === 0) return { kind: 'nothing_held' };
      // Already recorded means eBay resent a notification whose user was connected again since
      // (another organisation), or bought again: that is erased too, under the first record.
      await this.audit.record(manager, notification.notificationId, notification.ebayUserId, this.clock.now());
      // Last, before the commit. Each names what is left of its tombstone: the id, the erased
      // house name and eBay's immutable user id (never the username, which is erased).
      for (const accountId of accountIds) await this.events.recordForAccount('account.deleted', accountId);
      return { kind: 'erased', accountIds, syncedData, asBuyer };
    });
  }
}

function buyerNamesOf(notification: AccountDeletionNotification): string[] {
  return notification.username === undefined ? [notification.ebayUserId] : [notification.username, notification.ebayUserId];
}
