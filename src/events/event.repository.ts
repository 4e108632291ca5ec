import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventType } from './event-types';

/** Taken by every event writer until its transaction ends: ids are handed out in commit order. */
const EVENT_ORDER_LOCK_ID = 7_204_118_533;
/** Every replica's stream and dispatcher LISTEN here; PostgreSQL sends it when the writer commits. */
export const EVENTS_CHANNEL = 'ebay_connect_events';
/** Old events go in batches of this many, so one prune never holds many rows locked at once. */
const PRUNE_BATCH = 5_000;

/** An event as stored, with its position in the log. */
export interface StoredEvent {
  readonly position: string;
  readonly orgId: string | null;
  readonly accountId: string | null;
  readonly type: EventType;
  readonly occurredAt: Date;
  readonly data: Record<string, unknown>;
}

/** Which events a reader may see and wants, after a position. */
export interface EventQuery {
  /** Undefined: every organisation's (administrators). An organisation also sees events for every organisation. */
  readonly orgId: string | undefined;
  readonly afterPosition: string;
  readonly types: readonly EventType[] | undefined;
  readonly accountId: string | undefined;
  readonly limit: number;
}

/** What the writer puts in the log; the account's names come from its row, in the same statement. */
export type EventSource =
  | { readonly kind: 'account'; readonly accountId: string }
  /** null: for every organisation. */
  | { readonly kind: 'organisation'; readonly orgId: string | null };

interface EventRow {
  readonly id: string;
  readonly org_id: string | null;
  readonly ebay_account_id: string | null;
  readonly type: EventType;
  readonly occurred_at: Date;
  readonly data: Record<string, unknown>;
}

const ROW_COLUMNS = 'id, org_id, ebay_account_id, type, occurred_at, data';

/**
 * Taken by each event writer, held to its commit (a reader that has seen position N can never
 * miss an N-1 committed later); the notification goes out when the writer commits.
 */
export const EVENT_ORDER_LOCK_SQL = `SELECT pg_advisory_xact_lock(${EVENT_ORDER_LOCK_ID}), pg_notify('${EVENTS_CHANNEL}', '')`;

const INSERTED_EVENT: Readonly<Record<EventSource['kind'], string>> = {
  account: `INSERT INTO events (org_id, ebay_account_id, type, data)
            SELECT a.org_id, a.id, $1,
                   jsonb_build_object('accountId', a.id, 'houseName', a.house_name, 'ebayUserId', a.ebay_user_id) || $2::jsonb
              FROM ebay_accounts a WHERE a.id = $4::uuid`,
  organisation: `INSERT INTO events (org_id, ebay_account_id, type, data) VALUES ($4::uuid, NULL, $1, $2::jsonb)`,
};

/**
 * One event and its deliveries, by what it is about: $1 type, $2 data (JSON), $3 the one
 * endpoint it goes to or null (every enabled endpoint that wants it), $4 the account or the
 * organisation (null: every organisation). Answers the event's id and how many deliveries.
 * Exported for bench/webhook-throughput.ts, which writes events exactly as the service does.
 */
export const APPEND_EVENT_SQL: Readonly<Record<EventSource['kind'], string>> = {
  account: appendEventSql(INSERTED_EVENT.account),
  organisation: appendEventSql(INSERTED_EVENT.organisation),
};

function appendEventSql(inserted: string): string {
  return `WITH e AS (${inserted} RETURNING id, org_id, type, occurred_at),
               d AS (INSERT INTO webhook_deliveries (event_id, endpoint_id, next_attempt_at)
                     SELECT e.id, w.id, e.occurred_at FROM e
                       JOIN webhook_endpoints w
                         ON w.is_enabled AND (e.org_id IS NULL OR w.org_id = e.org_id)
                        AND CASE WHEN $3::uuid IS NULL THEN cardinality(w.event_types) = 0 OR e.type = ANY (w.event_types)
                                 ELSE w.id = $3::uuid END
                     RETURNING 1)
          SELECT e.id, (SELECT count(*) FROM d)::int AS deliveries FROM e`;
}

/**
 * The event log: written inside the caller's transaction (with the webhook deliveries it
 * causes), read oldest first by position.
 */
@Injectable()
export class EventRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Appends one event and a pending delivery for each enabled endpoint that wants it (or for
   * `onlyEndpointId` alone, whatever its types), in the transaction that is open. Answers the event's
   * position, or undefined when its account does not exist.
   */
  async append(
    source: EventSource,
    type: EventType,
    data: Record<string, unknown>,
    onlyEndpointId: string | undefined,
  ): Promise<string | undefined> {
    const tx = this.txHost.tx;
    // The lock the event's foreign key takes on the account row, taken before the order lock:
    // never wait for an account while holding the lock every other event writer waits for.
    if (source.kind === 'account') await tx.query(`SELECT 1 FROM ebay_accounts WHERE id = $1 FOR KEY SHARE`, [source.accountId]);
    await tx.query(EVENT_ORDER_LOCK_SQL);
    const [row] = (await tx.query(APPEND_EVENT_SQL[source.kind], [
      type,
      JSON.stringify(data),
      onlyEndpointId ?? null,
      source.kind === 'account' ? source.accountId : source.orgId,
    ])) as { id: string; deliveries: number }[];
    return row?.id;
  }

  /** Up to `limit` events after the position, oldest first. */
  async after(query: EventQuery): Promise<StoredEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${ROW_COLUMNS} FROM events
        WHERE id > $1
          AND ($2::uuid IS NULL OR org_id = $2::uuid OR org_id IS NULL)
          AND ($3::text[] IS NULL OR type = ANY ($3::text[]))
          AND ($4::uuid IS NULL OR ebay_account_id = $4::uuid)
        ORDER BY id LIMIT $5`,
      [query.afterPosition, query.orgId ?? null, query.types ?? null, query.accountId ?? null, query.limit],
    )) as EventRow[];
    return rows.map(storedEventOf);
  }

  /** The newest position, or 0 when the log is empty: where a stream without Last-Event-ID starts. */
  async lastPosition(): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM events`)) as { id: string }[];
    return row.id;
  }

  /** Whether an event of this position exists and the organisation may see it (undefined: any). */
  async isVisible(position: string, orgId: string | undefined): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM events WHERE id = $1 AND ($2::uuid IS NULL OR org_id = $2::uuid OR org_id IS NULL)`,
      [position, orgId ?? null],
    )) as unknown[];
    return rows.length === 1;
  }

  /** Deletes events that occurred before `before` (their deliveries go with them), in batches. */
  async pruneBefore(before: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM events WHERE id IN (SELECT id FROM events WHERE occurred_at < $1 ORDER BY id LIMIT $2)`,
        [before, PRUNE_BATCH],
      )) as [unknown, number];
      deleted += count;
      if (count < PRUNE_BATCH) return deleted;
    }
  }
}

function storedEventOf(row: EventRow): StoredEvent {
  return {
    position: row.id,
    orgId: row.org_id,
    accountId: row.ebay_account_id,
    type: row.type,
    occurredAt: row.occurred_at,
    data: row.data,
  };
}
