import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { checkpointOf, type SyncCheckpoint } from './sync-checkpoint';
import { SYNC_RESOURCES, type SyncResource } from './sync-resource';

/** A run's hold on one (account, resource): only its holder writes the cursor, and every write renews it. */
export interface SyncLease {
  readonly cursorId: string;
  readonly leaseId: string;
  readonly accountId: string;
  readonly resource: SyncResource;
  readonly checkpoint: SyncCheckpoint;
  /** When this run took the pair (the database's clock). */
  readonly runningSince: Date;
}

export type LeaseAttempt =
  | { readonly kind: 'leased'; readonly lease: SyncLease }
  /** Another run holds the pair, since `runningSince`. */
  | { readonly kind: 'running'; readonly runningSince: Date }
  /** Periodic claims only: some run started on the pair since the scheduled time. */
  | { readonly kind: 'done' };

/** What a run has done so far; in the cursor while it runs. */
export interface SyncProgress {
  readonly pages: number;
  readonly fetched: number;
  readonly upserted: number;
  readonly ebayCalls: number;
}

/** How a run ended, for the cursor's `last_*` columns. */
export interface RunEnd extends SyncProgress {
  readonly outcome: 'succeeded' | 'failed';
  readonly checkpoint: SyncCheckpoint;
  readonly error?: string;
}

/** A cursor as the status API shows it. */
export interface CursorRow {
  readonly resource: SyncResource;
  readonly checkpoint: SyncCheckpoint;
  readonly runningSince: Date | null;
  readonly leasedBy: string | null;
  readonly progress: SyncProgress | null;
  readonly lastStartedAt: Date | null;
  readonly lastFinishedAt: Date | null;
  readonly lastOutcome: 'succeeded' | 'failed' | null;
  readonly lastFetched: number | null;
  readonly lastUpserted: number | null;
  readonly lastEbayCalls: number | null;
  readonly lastError: string | null;
  readonly lastErrorAt: Date | null;
  readonly skippedReason: 'reauth_required' | null;
  readonly skippedAt: Date | null;
}

/** The holder wrote nothing: its lease ran out and another run may hold the pair now. */
export class SyncLeaseLostError extends Error {
  constructor() {
    super('The sync lost its lease on the cursor (it stalled past its lease); another run may hold it');
  }
}

interface LeasedRow {
  readonly id: string;
  readonly checkpoint: unknown;
  readonly running_since: Date;
}

const NO_PROGRESS: SyncProgress = { pages: 0, fetched: 0, upserted: 0, ebayCalls: 0 };

/**
 * ebay_sync_cursors: one row per (account, resource), leased by the run that syncs it. A lease
 * is a column, not a row lock: no transaction stays open while eBay answers, and a replica
 * that dies lets go when the lease ends. Every write a run makes is fenced by its lease id.
 */
@Injectable()
export class SyncCursorRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** Creates the missing cursors of these accounts, one per resource. */
  async ensure(accountIds: readonly string[]): Promise<void> {
    if (accountIds.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO ebay_sync_cursors (ebay_account_id, resource)
       SELECT a, r FROM unnest($1::uuid[]) a CROSS JOIN unnest($2::text[]) r
       ON CONFLICT (ebay_account_id, resource) DO NOTHING`,
      [accountIds, SYNC_RESOURCES],
    );
  }

  /**
   * Takes the pair for a run unless another run holds it. With `dueBefore` (the periodic
   * sync), only if no run that ended started since then: replicas sharing a scheduled run
   * each sync a pair once between them, and a run whose replica died is made good.
   */
  async tryLease(
    accountId: string,
    resource: SyncResource,
    holder: { readonly replica: string; readonly leaseSeconds: number; readonly dueBefore?: Date },
  ): Promise<LeaseAttempt> {
    const leaseId = randomUUID();
    const leased = (await this.dataSource.query(
      `UPDATE ebay_sync_cursors
          SET lease_id = $3, lease_until = now() + make_interval(secs => $4), leased_by = $5, running_since = now(),
              progress = $6, skipped_reason = NULL, skipped_at = NULL
        WHERE ebay_account_id = $1 AND resource = $2 AND (lease_until IS NULL OR lease_until < now())
          AND ($7::timestamptz IS NULL OR last_started_at IS NULL OR last_started_at < $7)
        RETURNING id, checkpoint, running_since`,
      [accountId, resource, leaseId, holder.leaseSeconds, holder.replica, NO_PROGRESS, holder.dueBefore ?? null],
    )) as [LeasedRow[], number];
    const [row] = leased[0];
    if (row !== undefined) {
      return {
        kind: 'leased',
        lease: { cursorId: row.id, leaseId, accountId, resource, checkpoint: checkpointOf(row.checkpoint), runningSince: row.running_since },
      };
    }
    const held = (await this.dataSource.query(
      `SELECT running_since FROM ebay_sync_cursors
        WHERE ebay_account_id = $1 AND resource = $2 AND lease_until >= now()`,
      [accountId, resource],
    )) as { running_since: Date | null }[];
    const runningSince = held[0]?.running_since;
    if (runningSince !== undefined && runningSince !== null) return { kind: 'running', runningSince };
    // Free, yet not leased: a periodic claim found it synced since the scheduled time, or it
    // was freed between the two statements (then the next claim takes it).
    return { kind: 'done' };
  }

  /**
   * Inside the transaction that stores a page: moves the cursor on with it and renews the
   * lease. Throws SyncLeaseLostError (rolling the page back) when the lease is no longer held.
   */
  async commitPage(manager: EntityManager, lease: SyncLease, checkpoint: SyncCheckpoint, progress: SyncProgress, leaseSeconds: number): Promise<void> {
    const [, updated] = (await manager.query(
      `UPDATE ebay_sync_cursors SET checkpoint = $3, progress = $4, lease_until = now() + make_interval(secs => $5)
        WHERE id = $1 AND lease_id = $2`,
      [lease.cursorId, lease.leaseId, checkpoint, progress, leaseSeconds],
    )) as [unknown, number];
    if (updated !== 1) throw new SyncLeaseLostError();
  }

  /** Keeps the lease while the run waits on eBay; false once it is lost. */
  async renew(lease: SyncLease, leaseSeconds: number): Promise<boolean> {
    const [, updated] = (await this.dataSource.query(
      `UPDATE ebay_sync_cursors SET lease_until = now() + make_interval(secs => $3) WHERE id = $1 AND lease_id = $2`,
      [lease.cursorId, lease.leaseId, leaseSeconds],
    )) as [unknown, number];
    return updated === 1;
  }

  /**
   * Records how the run ended and frees the pair; false when the lease had been lost. Joins
   * the transaction that is open (the run's end and its event), if any.
   */
  async finish(lease: SyncLease, end: RunEnd): Promise<boolean> {
    const failed = end.outcome === 'failed';
    const [, updated] = (await this.txHost.tx.query(
      `UPDATE ebay_sync_cursors
          SET lease_id = NULL, lease_until = NULL, leased_by = NULL, running_since = NULL, progress = NULL,
              checkpoint = $3, last_started_at = running_since, last_finished_at = now(), last_outcome = $4, last_fetched = $5, last_upserted = $6,
              last_ebay_calls = $7,
              last_error = CASE WHEN $8 THEN $9 ELSE last_error END,
              last_error_at = CASE WHEN $8 THEN now() ELSE last_error_at END
        WHERE id = $1 AND lease_id = $2`,
      [lease.cursorId, lease.leaseId, end.checkpoint, end.outcome, end.fetched, end.upserted, end.ebayCalls, failed, end.error ?? null],
    )) as [unknown, number];
    return updated === 1;
  }

  /** Says on each free cursor of these accounts why the periodic sync passed it by. */
  async markSkipped(accountIds: readonly string[], reason: 'reauth_required'): Promise<void> {
    if (accountIds.length === 0) return;
    await this.dataSource.query(
      `UPDATE ebay_sync_cursors SET skipped_reason = $2, skipped_at = now()
        WHERE ebay_account_id = ANY($1::uuid[]) AND (lease_until IS NULL OR lease_until < now())`,
      [accountIds, reason],
    );
  }

  /** The account's cursors that exist (a resource never synced has none). */
  async cursorsOf(accountId: string): Promise<CursorRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT resource, checkpoint, CASE WHEN lease_until >= now() THEN running_since END AS running_since,
              CASE WHEN lease_until >= now() THEN leased_by END AS leased_by,
              CASE WHEN lease_until >= now() THEN progress END AS progress,
              last_started_at, last_finished_at, last_outcome, last_fetched, last_upserted, last_ebay_calls,
              last_error, last_error_at, skipped_reason, skipped_at
         FROM ebay_sync_cursors WHERE ebay_account_id = $1`,
      [accountId],
    )) as Record<string, unknown>[];
    return rows.map((row) => ({
      resource: row.resource as SyncResource,
      checkpoint: checkpointOf(row.checkpoint),
      runningSince: row.running_since as Date | null,
      leasedBy: row.leased_by as string | null,
      progress: row.progress as SyncProgress | null,
      lastStartedAt: row.last_started_at as Date | null,
      lastFinishedAt: row.last_finished_at as Date | null,
      lastOutcome: row.last_outcome as 'succeeded' | 'failed' | null,
      lastFetched: row.last_fetched as number | null,
      lastUpserted: row.last_upserted as number | null,
      lastEbayCalls: row.last_ebay_calls as number | null,
      lastError: row.last_error as string | null,
      lastErrorAt: row.last_error_at as Date | null,
      skippedReason: row.skipped_reason as 'reauth_required' | null,
      skippedAt: row.skipped_at as Date | null,
    }));
  }
}
