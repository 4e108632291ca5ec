import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KeysetPosition } from '../common/paging/keyset-cursor';
import { keysetPageOf } from '../common/paging/keyset-page';
import type { KeysetPage, PageRequest } from '../common/paging/page-query.dto';

/** What the audit keeps of one proxied call. */
export interface ApiCallRecord {
  readonly accountId: string;
  readonly userId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly attempts: number;
  readonly durationMs: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly calledAt: Date;
}

/** A recorded call, as the API lists it. */
export interface RecordedApiCall extends Omit<ApiCallRecord, 'accountId' | 'userId'> {
  readonly id: string;
  readonly userId: string | null;
  readonly calledAt: Date;
}

interface CallRow {
  readonly id: string;
  readonly user_id: string | null;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly attempts: number;
  readonly duration_ms: number;
  readonly bytes_in: number;
  readonly bytes_out: string;
  readonly called_at: Date;
  readonly position_called_at: string;
  readonly total?: number;
}

const COLUMNS = `id, user_id, method, path, status, attempts, duration_ms, bytes_in, bytes_out, called_at,
  to_char(called_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position_called_at`;
const PRUNE_BATCH = 5_000;

/** ebay_api_calls: an account's proxied calls, newest first by (called_at, id). */
@Injectable()
export class ApiCallRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the calls in one statement. A call for an account erased since is dropped with it
   * (erasure removes its calls too); one by a user deleted since keeps the call without the user.
   */
  async recordMany(calls: readonly ApiCallRecord[]): Promise<void> {
    if (calls.length === 0) return;
    const rows = calls.map((call) => ({ ...call, path: call.path.slice(0, 2000), calledAt: call.calledAt.toISOString() }));
    await this.dataSource.query(
      `INSERT INTO ebay_api_calls (ebay_account_id, user_id, method, path, status, attempts, duration_ms, bytes_in, bytes_out, called_at)
       SELECT r."accountId", u.id, r.method, r.path, r.status, r.attempts, r."durationMs", r."bytesIn", r."bytesOut", r."calledAt"
         FROM jsonb_to_recordset($1::jsonb) AS r("accountId" uuid, "userId" uuid, method text, path text, status int,
                attempts int, "durationMs" int, "bytesIn" int, "bytesOut" bigint, "calledAt" timestamptz)
         JOIN ebay_accounts a ON a.id = r."accountId"
         LEFT JOIN users u ON u.id = r."userId"`,
      [JSON.stringify(rows)],
    );
  }

  async page(accountId: string, request: PageRequest): Promise<KeysetPage<RecordedApiCall>> {
    const rows = (
      request.kind === 'offset'
        ? await this.dataSource.query(
            `SELECT ${COLUMNS}, (SELECT count(*)::int FROM ebay_api_calls WHERE ebay_account_id = $1) AS total
               FROM ebay_api_calls WHERE ebay_account_id = $1
              ORDER BY called_at DESC, id DESC LIMIT $2 OFFSET $3`,
            [accountId, request.limit + 1, request.offset],
          )
        : await this.dataSource.query(
            `SELECT ${COLUMNS} FROM ebay_api_calls
              WHERE ebay_account_id = $1 AND (called_at, id) < ($2::timestamptz, $3::uuid)
              ORDER BY called_at DESC, id DESC LIMIT $4`,
            [accountId, request.after.createdAt, request.after.id, request.limit + 1],
          )
    ) as CallRow[];
    const total = request.kind === 'offset' ? await this.totalOf(accountId, rows, request.offset) : null;
    return keysetPageOf(rows, request, total, callOf, (row): KeysetPosition => ({ createdAt: row.position_called_at, id: row.id }));
  }

  /** Deletes the calls made before `cutoff`, in batches; answers how many went. */
  async pruneBefore(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM ebay_api_calls WHERE id IN (SELECT id FROM ebay_api_calls WHERE called_at < $1 LIMIT $2)`,
        [cutoff, PRUNE_BATCH],
      )) as [unknown, number];
      deleted += count;
      if (count < PRUNE_BATCH) return deleted;
    }
  }

  private async totalOf(accountId: string, rows: readonly CallRow[], offset: number): Promise<number> {
    if (rows.length > 0) return rows[0].total ?? 0;
    if (offset === 0) return 0;
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM ebay_api_calls WHERE ebay_account_id = $1`, [
      accountId,
    ])) as { total: number }[];
    return row.total;
  }
}

function callOf(row: CallRow): RecordedApiCall {
  return {
    id: row.id,
    userId: row.user_id,
    method: row.method,
    path: row.path,
    status: row.status,
    attempts: row.attempts,
    durationMs: row.duration_ms,
    bytesIn: row.bytes_in,
    bytesOut: Number(row.bytes_out),
    calledAt: row.called_at,
  };
}
