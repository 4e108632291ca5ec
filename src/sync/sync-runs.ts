import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { type AccountView, accountStatusOf, AccountDeletedError } from '../accounts';
import { replicaName } from '../common/process/replica-name';
import { AccountNotConnectedError, ReauthRequiredError } from '../tokens';
import { OrderSource } from './order-source';
import type { ResourceSource } from './resource-source';
import { ResourceSync, SYNC_LEASE_SECONDS, type SyncResult } from './resource-sync';
import { SyncCursorRepository } from './sync-cursor.repository';
import type { SyncResource } from './sync-resource';
import { NotSellingAccountError, SyncRunningError } from './sync-run.errors';
import { TransactionSource } from './transaction-source';

/** What a periodic claim of one pair came to. */
export type DueRun =
  | { readonly kind: 'synced'; readonly result: SyncResult }
  /** Another replica has it, or synced it since the scheduled time. */
  | { readonly kind: 'taken' };

/**
 * Starts sync runs — asked for through the API, or due in a periodic run — under the pair's
 * lease, and lets the runs in flight end after their current page when the replica stops.
 */
@Injectable()
export class SyncRuns implements BeforeApplicationShutdown {
  private readonly replica = replicaName();
  private readonly stop = { stopped: false };
  private readonly running = new Set<Promise<unknown>>();
  private readonly sources: Readonly<Record<SyncResource, ResourceSource<unknown>>>;

  constructor(
    private readonly cursors: SyncCursorRepository,
    private readonly sync: ResourceSync,
    orders: OrderSource,
    transactions: TransactionSource,
  ) {
    this.sources = { orders, transactions } as Readonly<Record<SyncResource, ResourceSource<unknown>>>;
  }

  /**
   * Syncs the account's resource now, refusing without calling eBay when the account cannot
   * be synced or another run holds the pair.
   */
  async runNow(view: AccountView, resource: SyncResource): Promise<SyncResult> {
    refuseUnsyncable(view);
    const accountId = view.account.id;
    await this.cursors.ensure([accountId]);
    const attempt = await this.cursors.tryLease(accountId, resource, { replica: this.replica, leaseSeconds: SYNC_LEASE_SECONDS });
    if (attempt.kind !== 'leased') throw new SyncRunningError(attempt.kind === 'running' ? attempt.runningSince : undefined);
    return this.track(
      this.sync.run(this.sources[resource], attempt.lease, { accountId, marketplaceId: view.account.marketplaceId }, 'manual', this.stop),
    );
  }

  /** Syncs the pair unless a run has started on it since `scheduledAt` or holds it now. */
  async runDue(view: AccountView, resource: SyncResource, scheduledAt: Date): Promise<DueRun> {
    if (this.stop.stopped) return { kind: 'taken' };
    const accountId = view.account.id;
    const attempt = await this.cursors.tryLease(accountId, resource, {
      replica: this.replica,
      leaseSeconds: SYNC_LEASE_SECONDS,
      dueBefore: scheduledAt,
    });
    if (attempt.kind !== 'leased') return { kind: 'taken' };
    const result = await this.track(
      this.sync.run(this.sources[resource], attempt.lease, { accountId, marketplaceId: view.account.marketplaceId }, 'scheduled', this.stop),
    );
    return { kind: 'synced', result };
  }

  /** Runs in flight stop after the page they are on, with that page stored. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stop.stopped = true;
    await Promise.allSettled([...this.running]);
  }

  private async track<T>(run: Promise<T>): Promise<T> {
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }
}

/** Only an active selling account with a grant eBay still accepts is synced. */
function refuseUnsyncable(view: AccountView): void {
  const status = accountStatusOf(view);
  if (status === 'deleted') throw new AccountDeletedError();
  if (status === 'disconnected') throw new AccountNotConnectedError();
  if (status === 'reauth_required') throw new ReauthRequiredError();
  if (view.account.purpose === 'BUYING') throw new NotSellingAccountError();
}
