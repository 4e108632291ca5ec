import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts';
import { DomainError } from '../common/errors/domain.error';
import { Clock } from '../common/time/clock';
import { SyncConfig } from '../config/configuration';
import { type EventData, EventsService, type EventType } from '../events';
import { MetricsService, type SyncOutcome } from '../metrics';
import { EbayApiClient } from '../tokens';
import type { RecordPage, ResourceSource } from './resource-source';
import type { SyncCheckpoint, UnfinishedRun } from './sync-checkpoint';
import { type RunEnd, SyncCursorRepository, type SyncLease, SyncLeaseLostError, type SyncProgress } from './sync-cursor.repository';
import type { SyncResource } from './sync-resource';

/** A run whose replica died frees its pair after this; every page and a heartbeat renew it. */
export const SYNC_LEASE_SECONDS = 60;
const HEARTBEAT_MS = 15_000;
/**
 * Pages one run reads at most (100,000 orders, 500,000 transactions); a bigger backfill
 * carries on in the next run from where this one committed, so no request or run is endless.
 */
export const MAX_PAGES_PER_RUN = 500;
const PROGRESS_LOG_MS = 10_000;
const DAY_MS = 86_400_000;

/** The account a run syncs, as the eBay call needs it. */
export interface SyncTarget {
  readonly accountId: string;
  readonly marketplaceId: string | null;
}

/** Who started a run: a caller of the API, or the periodic sync. */
export type SyncTrigger = 'manual' | 'scheduled';

/** What one run did. */
export interface SyncResult extends SyncProgress {
  readonly resource: SyncResource;
  /** Every page of the range was read and the checkpoint moved; false: the next run carries on. */
  readonly complete: boolean;
  /** Everything eBay changed before this is stored; null until a first run completes. */
  readonly checkpoint: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

/** Asks a run in flight to stop after the page it is on (shutdown). */
export interface StopSignal {
  readonly stopped: boolean;
}

/**
 * One sync of one (account, resource) under its lease: pages through eBay's records changed
 * since the checkpoint (less the overlap), each page upserted in a transaction that also moves
 * the cursor on, so a crash or an eBay failure loses nothing and the next run carries on at
 * the first page not committed. The checkpoint itself moves only when the range is read to its
 * end, and to the time the range was first asked for: whatever eBay changed while the pages
 * were read is asked for again by the next run. No transaction is open while eBay answers.
 */
@Injectable()
export class ResourceSync {
  private readonly logger = new Logger('Sync');

  constructor(
    private readonly ebay: EbayApiClient,
    private readonly accounts: AccountsService,
    private readonly dataSource: DataSource,
    private readonly cursors: SyncCursorRepository,
    private readonly clock: Clock,
    private readonly config: SyncConfig,
    private readonly metrics: MetricsService,
    private readonly events: EventsService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async run<R>(
    source: ResourceSource<R>,
    lease: SyncLease,
    target: SyncTarget,
    trigger: SyncTrigger,
    signal: StopSignal = { stopped: false },
  ): Promise<SyncResult> {
    const startedAt = this.clock.now();
    const context = { accountId: target.accountId, resource: source.resource };
    let progress: SyncProgress = { pages: 0, fetched: 0, upserted: 0, ebayCalls: 0 };
    let checkpoint: SyncCheckpoint = lease.checkpoint;
    let lastLog = startedAt.getTime();
    const heartbeat = setInterval(() => void this.renew(lease), HEARTBEAT_MS).unref();
    let calls = 0;
    const fetchPage = (range: UnfinishedRun, offset: number): Promise<RecordPage<R>> => {
      calls++;
      const request = this.ebay
        .get<unknown>(target.accountId, `${source.path}?${source.query(new Date(range.from), offset)}`, {
          action: source.action,
          host: source.host,
          marketplaceId: target.marketplaceId,
        })
        .then((body) => source.readPage(body));
      // A page asked for ahead is awaited only if the run gets to it; its failure is then met there.
      request.catch(() => undefined);
      return request;
    };
    try {
      // Inside the try: a failed read of the stored rows ends the run as failed and frees the pair.
      const range = lease.checkpoint.unfinished ?? (await this.newRange(source, target.accountId, lease.checkpoint, startedAt));
      this.logger.log({ ...context, from: range.from, offset: range.offset }, 'Sync started');
      let offset = range.offset;
      let hasNext = true;
      let next: Promise<RecordPage<R>> | undefined = signal.stopped ? undefined : fetchPage(range, offset);
      while (next !== undefined) {
        const page = await next;
        next = undefined;
        offset += page.records.length;
        hasNext = page.hasNext;
        const pages = progress.pages + 1;
        // eBay answers for the next page while this one is stored: its offset is known already.
        if (hasNext && pages < MAX_PAGES_PER_RUN && !signal.stopped) next = fetchPage(range, offset);
        // The range read to its end moves the checkpoint with the last page, in its transaction.
        const pageCheckpoint: SyncCheckpoint = hasNext
          ? { ...withoutUnfinished(checkpoint), unfinished: { ...range, offset } }
          : { since: range.startedAt };
        const fetched = progress.fetched + page.records.length;
        progress = await this.dataSource.transaction(async (manager) => {
          // The account row first, as erasure locks it: a page never outlives its account's erasure.
          await this.accounts.holdAgainstErasure(manager, target.accountId);
          const upserted = progress.upserted + (await source.upsert(manager, target.accountId, page.records));
          const stored = { pages, fetched, upserted, ebayCalls: calls };
          await this.cursors.commitPage(manager, lease, pageCheckpoint, stored, SYNC_LEASE_SECONDS);
          return stored;
        });
        checkpoint = pageCheckpoint;
        if (this.clock.now().getTime() - lastLog >= PROGRESS_LOG_MS) {
          lastLog = this.clock.now().getTime();
          this.logger.log({ ...context, ...progress }, 'Sync in progress');
        }
      }
      progress = { ...progress, ebayCalls: calls };
      const complete = !hasNext;
      await this.finish(lease, { outcome: 'succeeded', checkpoint, ...progress }, 'sync.completed', {
        resource: source.resource,
        fetched: progress.fetched,
        upserted: progress.upserted,
        complete,
        trigger,
      });
      return this.finished(target.accountId, source.resource, complete ? 'succeeded' : 'incomplete', progress, checkpoint, startedAt);
    } catch (error) {
      const reason = reasonOf(error);
      progress = { ...progress, ebayCalls: calls };
      await this.finish(lease, { outcome: 'failed', checkpoint, error: reason, ...progress }, 'sync.failed', {
        resource: source.resource,
        errorCode: errorCodeOf(error),
        fetched: progress.fetched,
        upserted: progress.upserted,
      })
        .catch((recordError: unknown) => this.logger.error({ ...context, err: recordError }, 'Could not record the failed sync'));
      this.logger.warn({ ...context, ...progress, err: error }, 'Sync failed; the next run carries on from the last page stored');
      this.observe(source.resource, 'failed', progress, startedAt);
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Records how the run ended and frees the pair, with the run's event, in one transaction;
   * neither when the lease was lost (the run that holds the pair now reports its own end).
   * Once per run, never per page. The account row is held first, as a page's transaction and
   * erasure hold it (docs/modules.md), so an erasure at the same time is waited for, or waits.
   */
  private finish(lease: SyncLease, end: RunEnd, type: EventType, data: EventData): Promise<boolean> {
    return this.txHost.withTransaction(async () => {
      await this.accounts.holdForEvent(lease.accountId);
      if (!(await this.cursors.finish(lease, end))) return false;
      await this.events.recordForAccount(type, lease.accountId, data);
      return true;
    });
  }

  /**
   * The range a run starts: from the checkpoint less the overlap, or the backfill window; and
   * further back to the oldest stored record eBay may still change outside that range (a
   * transaction not yet paid out), no further than the backfill window. One open-ended range,
   * paged and committed like any other: a re-read costs its pages in the run's ebayCalls, and a
   * crash part way carries on from `unfinished` as ever. Read before any eBay call, outside a
   * transaction.
   */
  private async newRange<R>(source: ResourceSource<R>, accountId: string, checkpoint: SyncCheckpoint, startedAt: Date): Promise<UnfinishedRun> {
    const window = startedAt.getTime() - this.config.backfillDays * DAY_MS;
    const since = checkpoint.since === undefined ? window : Date.parse(checkpoint.since) - this.config.overlapSeconds * 1000;
    // A first run reads the whole window anyway.
    const unsettled = since > window ? await source.oldestUnsettled(this.dataSource.manager, accountId, new Date(window)) : null;
    const from = unsettled === null ? since : Math.min(since, unsettled.getTime());
    return { from: new Date(from).toISOString(), startedAt: startedAt.toISOString(), offset: 0 };
  }

  private finished(accountId: string, resource: SyncResource, outcome: SyncOutcome, progress: SyncProgress, checkpoint: SyncCheckpoint, startedAt: Date): SyncResult {
    const finishedAt = this.observe(resource, outcome, progress, startedAt);
    this.logger.log({ accountId, resource, ...progress, outcome }, outcome === 'succeeded' ? 'Sync finished' : 'Sync stopped; the next run carries on');
    return {
      resource,
      ...progress,
      complete: outcome === 'succeeded',
      checkpoint: checkpoint.since ?? null,
      startedAt,
      finishedAt,
    };
  }

  private observe(resource: SyncResource, outcome: SyncOutcome, progress: SyncProgress, startedAt: Date): Date {
    const finishedAt = this.clock.now();
    this.metrics.observeSync(resource, outcome, { ...progress, seconds: (finishedAt.getTime() - startedAt.getTime()) / 1000 });
    return finishedAt;
  }

  private async renew(lease: SyncLease): Promise<void> {
    try {
      if (!(await this.cursors.renew(lease, SYNC_LEASE_SECONDS))) {
        this.logger.warn({ accountId: lease.accountId, resource: lease.resource }, 'The sync lost its lease; it stops at its next page');
      }
    } catch (error) {
      this.logger.warn({ accountId: lease.accountId, resource: lease.resource, err: error }, 'Could not renew the sync lease');
    }
  }
}

/**
 * What the cursor says went wrong. The service's own errors say it for people (eBay's error
 * codes, "reconnect the account"); anything else may quote data, so it is named only in the log.
 */
function reasonOf(error: unknown): string {
  if (error instanceof DomainError) return error.message;
  if (error instanceof SyncLeaseLostError) return error.message;
  return 'The sync failed inside the service; its log says why';
}

/** sync.failed's errorCode: the service's stable code for its own errors, `internal` for anything else. */
function errorCodeOf(error: unknown): string {
  if (error instanceof DomainError) return error.code ?? error.kind;
  return 'internal';
}

function withoutUnfinished(checkpoint: SyncCheckpoint): SyncCheckpoint {
  return checkpoint.since === undefined ? {} : { since: checkpoint.since };
}
