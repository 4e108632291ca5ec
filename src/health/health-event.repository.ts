import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KeysetPosition } from '../common/paging/keyset-cursor';
import { keysetPageOf } from '../common/paging/keyset-page';
import type { KeysetPage, PageRequest } from '../common/paging/page-query.dto';
import type { HealthCheckResult } from './account-health-checker';
import { EbayHealthEvent } from './entities/ebay-health-event.entity';

interface EventRow {
  readonly id: string;
  readonly ebay_account_id: string;
  readonly checked_at: Date;
  readonly is_healthy: boolean;
  readonly http_status: number | null;
  readonly ack: string | null;
  readonly error_code: string | null;
  readonly error_message: string | null;
  readonly response_time_ms: number | null;
  /** checked_at to the microsecond, as KeysetPosition.createdAt. */
  readonly position_checked_at: string;
  /** Only on offset pages. */
  readonly total?: number;
}

const COLUMNS = `id, ebay_account_id, checked_at, is_healthy, http_status, ack, error_code, error_message, response_time_ms,
  to_char(checked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position_checked_at`;

/** Old events go in batches of this many, so one prune never holds many rows locked at once. */
const PRUNE_BATCH = 5_000;
/**
 * The first of the two keys of the per-account locks that order the recording of checks (the
 * second is the account's hash); two-key locks never meet the event log's one-key lock.
 */
const CHECK_RECORDING_LOCK_CLASS = 720_411_853;

/**
 * An account's health events, newest first: (checked_at, id) descending, read off
 * ix_ebay_health_events_account_checked; a keyset page starts below its cursor's position.
 */
@Injectable()
export class HealthEventRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** Records the outcome of one check; joins the transaction that is open, if any. */
  async record(accountId: string, result: HealthCheckResult): Promise<EbayHealthEvent> {
    const [row] = (await this.txHost.tx.query(
      `INSERT INTO ebay_health_events
         (ebay_account_id, checked_at, is_healthy, http_status, error_code, error_message, response_time_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [accountId, result.checkedAt, result.isHealthy, result.httpStatus, result.errorCode, result.errorMessage, result.responseTimeMs],
    )) as EventRow[];
    return eventOf(row);
  }

  /**
   * Inside the open transaction, waits for any other transaction recording a check of this
   * account to end: two checks recorded at once (a live one and the round's) then each compare
   * with the one before, and a change of health is reported once.
   */
  async serialiseRecording(accountId: string): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock($1::int, hashtext($2))`, [CHECK_RECORDING_LOCK_CLASS, accountId]);
  }

  /** Whether the account's most recent recorded check was healthy, in the open transaction; undefined if it was never checked. */
  async latestIsHealthy(accountId: string): Promise<boolean | undefined> {
    const rows = (await this.txHost.tx.query(
      `SELECT is_healthy FROM ebay_health_events WHERE ebay_account_id = $1 ORDER BY checked_at DESC, id DESC LIMIT 1`,
      [accountId],
    )) as { is_healthy: boolean }[];
    return rows[0]?.is_healthy;
  }

  /** The account's most recent event, if it was ever checked. */
  async latest(accountId: string): Promise<EbayHealthEvent | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ebay_health_events WHERE ebay_account_id = $1 ORDER BY checked_at DESC, id DESC LIMIT 1`,
      [accountId],
    )) as EventRow[];
    return rows.length === 0 ? null : eventOf(rows[0]);
  }

  /** A page of the account's events, newest first, one more read to tell whether another follows. */
  async page(accountId: string, request: PageRequest): Promise<KeysetPage<EbayHealthEvent>> {
    const rows =
      request.kind === 'offset'
        ? await this.byOffset(accountId, request.limit, request.offset)
        : await this.after(accountId, request.limit, request.after);
    const total = request.kind === 'offset' ? await this.totalOf(accountId, rows, request.offset) : null;
    return keysetPageOf(rows, request, total, eventOf, (row) => ({ createdAt: row.position_checked_at, id: row.id }));
  }

  /** Deletes every event checked before `cutoff`, in batches; answers how many went. */
  async pruneBefore(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM ebay_health_events
          WHERE id IN (SELECT id FROM ebay_health_events WHERE checked_at < $1 LIMIT $2)`,
        [cutoff, PRUNE_BATCH],
      )) as [unknown, number];
      deleted += count;
      if (count < PRUNE_BATCH) return deleted;
    }
  }

  private byOffset(accountId: string, limit: number, offset: number): Promise<EventRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS}, (SELECT count(*)::int FROM ebay_health_events WHERE ebay_account_id = $1) AS total
         FROM ebay_health_events WHERE ebay_account_id = $1
        ORDER BY checked_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [accountId, limit + 1, offset],
    );
  }

  private after(accountId: string, limit: number, after: KeysetPosition): Promise<EventRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM ebay_health_events
        WHERE ebay_account_id = $1 AND (checked_at, id) < ($2::timestamptz, $3::uuid)
        ORDER BY checked_at DESC, id DESC LIMIT $4`,
      [accountId, after.createdAt, after.id, limit + 1],
    );
  }

  /** The total the page's rows carry; a page past the end has none and is counted apart. */
  private async totalOf(accountId: string, rows: readonly EventRow[], offset: number): Promise<number> {
    if (rows.length > 0) return rows[0].total ?? 0;
    if (offset === 0) return 0;
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ebay_health_events WHERE ebay_account_id = $1`,
      [accountId],
    )) as { total: number }[];
    return total;
  }
}

function eventOf(row: EventRow): EbayHealthEvent {
  return Object.assign(new EbayHealthEvent(), {
    id: row.id,
    ebayAccountId: row.ebay_account_id,
    checkedAt: row.checked_at,
    isHealthy: row.is_healthy,
    httpStatus: row.http_status,
    ack: row.ack,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    responseTimeMs: row.response_time_ms,
  });
}
