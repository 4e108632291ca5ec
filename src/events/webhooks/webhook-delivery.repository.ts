import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KeysetPosition } from '../../common/paging/keyset-cursor';
import type { DisabledReason } from '../entities/webhook-endpoint.entity';
import type { DeliveryStatus } from '../entities/webhook-delivery.entity';
import type { EventType } from '../event-types';

/** A delivery this replica holds the lease of, with what its attempt needs. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly leaseId: string;
  /** Attempts made before this one. */
  readonly attempts: number;
  readonly eventPosition: string;
  readonly type: EventType;
  readonly occurredAt: Date;
  readonly data: Record<string, unknown>;
  readonly endpointId: string;
  readonly url: string;
  /** Ciphertext. */
  readonly secret: string;
  readonly previousSecret: string | null;
  readonly previousSecretUntil: Date | null;
}

export interface ClaimRequest {
  readonly leaseId: string;
  readonly now: Date;
  readonly limit: number;
  readonly leaseSeconds: number;
  /** How many deliveries of each endpoint this replica has in flight (endpoints with none may be absent). */
  readonly inFlightByEndpoint: ReadonlyMap<string, number>;
  /** In flight per endpoint on this replica, counting those already there. */
  readonly perEndpoint: number;
}

/** One attempt as it is written down. */
export interface AttemptRecord {
  readonly attemptedAt: Date;
  readonly durationMs: number;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly responseBody: string | null;
}

/** Where the delivery goes after the attempt. */
export type DeliveryUpdate =
  | { readonly status: 'pending'; readonly nextAttemptAt: Date }
  | { readonly status: 'succeeded' | 'failed'; readonly nextAttemptAt: null };

export interface EndpointUpdateAfterAttempt {
  readonly succeeded: boolean;
  /** The receiver answered 410. */
  readonly isGone: boolean;
  /** Failures only since this long ago disable the endpoint. */
  readonly failingDisablesAfterSeconds: number;
}

/** A delivery with its attempts, as GET …/deliveries lists them. */
export interface DeliveryView {
  readonly id: string;
  readonly eventPosition: string;
  readonly type: EventType;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
  readonly attemptLog: readonly AttemptRecord[];
  /** created_at to the microsecond, for the keyset cursor. */
  readonly position: KeysetPosition;
}

interface ClaimRow {
  id: string;
  attempts: number;
  event_id: string;
  type: EventType;
  occurred_at: Date;
  data: Record<string, unknown>;
  endpoint_id: string;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  type: EventType;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  created_at: Date;
  finished_at: Date | null;
  position_created_at: string;
  attempt_log: { attempted_at: string; duration_ms: number; status_code: number | null; error: string | null; response_body: string | null }[];
}

/** Rows the claim looks at, per delivery it may take: room to skip endpoints at their limit. */
const SCAN_FACTOR = 8;
const LEASE_IS_FREE = '(d.lease_until IS NULL OR d.lease_until < now())';

/** Webhook deliveries as jobs: claimed under a lease, settled with their attempt in one transaction. */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /**
   * Leases up to `limit` due deliveries of enabled endpoints, soonest first, so that no
   * endpoint has more than `perEndpoint` in flight here, those already in flight counted. Rows
   * another replica is claiming at the same moment are skipped (SKIP LOCKED), so each delivery
   * has one attempt in flight.
   */
  async claim(request: ClaimRequest): Promise<ClaimedDelivery[]> {
    const held = [...request.inFlightByEndpoint];
    const rows = (await this.dataSource.query(
      `WITH held AS (SELECT * FROM unnest($5::uuid[], $8::int[]) AS h(endpoint_id, n)),
       due AS (
         SELECT d.id, d.endpoint_id, d.next_attempt_at FROM webhook_deliveries d
          WHERE d.status = 'pending' AND d.next_attempt_at <= $2 AND ${LEASE_IS_FREE}
            AND NOT EXISTS (SELECT 1 FROM held WHERE held.endpoint_id = d.endpoint_id AND held.n >= $6)
            AND EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.id = d.endpoint_id AND w.is_enabled)
          ORDER BY d.next_attempt_at LIMIT $7
          FOR UPDATE OF d SKIP LOCKED),
       chosen AS (
         SELECT id FROM (
           SELECT due.id, due.next_attempt_at,
                  coalesce(held.n, 0) + row_number() OVER (PARTITION BY due.endpoint_id ORDER BY due.next_attempt_at, due.id) AS n
             FROM due LEFT JOIN held ON held.endpoint_id = due.endpoint_id
         ) ranked WHERE n <= $6 ORDER BY next_attempt_at LIMIT $3),
       claimed AS (
         UPDATE webhook_deliveries d SET lease_id = $1, lease_until = now() + make_interval(secs => $4)
           FROM chosen WHERE d.id = chosen.id
         RETURNING d.id, d.attempts, d.event_id, d.endpoint_id)
       SELECT c.id, c.attempts, e.id AS event_id, e.type, e.occurred_at, e.data,
              w.id AS endpoint_id, w.url, w.secret, w.previous_secret, w.previous_secret_until
         FROM claimed c JOIN events e ON e.id = c.event_id JOIN webhook_endpoints w ON w.id = c.endpoint_id`,
      [
        request.leaseId,
        request.now,
        request.limit,
        request.leaseSeconds,
        held.map(([endpointId]) => endpointId),
        request.perEndpoint,
        request.limit * SCAN_FACTOR,
        held.map(([, count]) => count),
      ],
    )) as ClaimRow[];
    return rows.map((row) => ({
      id: row.id,
      leaseId: request.leaseId,
      attempts: row.attempts,
      eventPosition: row.event_id,
      type: row.type,
      occurredAt: row.occurred_at,
      data: row.data,
      endpointId: row.endpoint_id,
      url: row.url,
      secret: row.secret,
      previousSecret: row.previous_secret,
      previousSecretUntil: row.previous_secret_until,
    }));
  }

  /** When the soonest pending delivery of an enabled endpoint is due; undefined: none is. */
  async nextDueAt(): Promise<Date | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT d.next_attempt_at FROM webhook_deliveries d
        WHERE d.status = 'pending' AND EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.id = d.endpoint_id AND w.is_enabled)
        ORDER BY d.next_attempt_at LIMIT 1`,
    )) as { next_attempt_at: Date }[];
    return row?.next_attempt_at;
  }

  /**
   * Writes an attempt and what follows from it (the delivery's next state, the endpoint's
   * failure streak or its disabling) in one transaction, only while the lease is still ours:
   * false when it ran out and another replica took the delivery over (nothing is written).
   * Answers the endpoint's disabled reason when this attempt disabled it.
   */
  async settle(
    claim: ClaimedDelivery,
    attempt: AttemptRecord,
    next: DeliveryUpdate,
    endpoint: EndpointUpdateAfterAttempt,
  ): Promise<{ settled: boolean; disabled: DisabledReason | undefined }> {
    if (endpoint.succeeded) return { settled: await this.settleSuccess(claim, attempt), disabled: undefined };
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const [, updated] = (await tx.query(
        `UPDATE webhook_deliveries
            SET status = $3, next_attempt_at = $4, attempts = attempts + 1, lease_id = NULL, lease_until = NULL,
                last_status_code = $5, last_error = $6, finished_at = CASE WHEN $3 = 'pending' THEN NULL ELSE $7::timestamptz END
          WHERE id = $1 AND lease_id = $2`,
        [claim.id, claim.leaseId, next.status, next.nextAttemptAt, attempt.statusCode, attempt.error, attempt.attemptedAt],
      )) as [unknown, number];
      if (updated !== 1) return { settled: false, disabled: undefined };
      await tx.query(
        `INSERT INTO webhook_attempts (delivery_id, attempted_at, duration_ms, status_code, error, response_body)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [claim.id, attempt.attemptedAt, attempt.durationMs, attempt.statusCode, attempt.error, attempt.responseBody],
      );
      const [rows] = (await tx.query(
        `UPDATE webhook_endpoints
            SET failing_since = COALESCE(failing_since, $2),
                is_enabled = NOT ($3 OR COALESCE(failing_since, $2) <= $2::timestamptz - make_interval(secs => $4)),
                disabled_reason = CASE WHEN $3 THEN 'gone'
                                       WHEN COALESCE(failing_since, $2) <= $2::timestamptz - make_interval(secs => $4) THEN 'failing' END,
                updated_at = CASE WHEN $3 OR COALESCE(failing_since, $2) <= $2::timestamptz - make_interval(secs => $4)
                                  THEN now() ELSE updated_at END
          WHERE id = $1 AND is_enabled
        RETURNING disabled_reason`,
        [claim.endpointId, attempt.attemptedAt, endpoint.isGone, endpoint.failingDisablesAfterSeconds],
      )) as [{ disabled_reason: DisabledReason | null }[], number];
      return { settled: true, disabled: rows[0]?.disabled_reason ?? undefined };
    });
  }

  /**
   * The usual outcome in one statement, atomic as a transaction and a fifth of its round trips:
   * the delivery done, its attempt written and the endpoint's failure streak ended, all only
   * while the lease is ours.
   */
  private async settleSuccess(claim: ClaimedDelivery, attempt: AttemptRecord): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      `WITH settled AS (
         UPDATE webhook_deliveries
            SET status = 'succeeded', next_attempt_at = NULL, attempts = attempts + 1, lease_id = NULL, lease_until = NULL,
                last_status_code = $4, last_error = NULL, finished_at = $3
          WHERE id = $1 AND lease_id = $2
         RETURNING id, endpoint_id),
       attempt AS (
         INSERT INTO webhook_attempts (delivery_id, attempted_at, duration_ms, status_code, error, response_body)
         SELECT id, $3, $5, $4, NULL, $6 FROM settled),
       streak AS (
         UPDATE webhook_endpoints w SET failing_since = NULL
           FROM settled WHERE w.id = settled.endpoint_id AND w.failing_since IS NOT NULL)
       SELECT count(*)::int AS settled FROM settled`,
      [claim.id, claim.leaseId, attempt.attemptedAt, attempt.statusCode, attempt.durationMs, attempt.responseBody],
    )) as { settled: number }[];
    return row.settled === 1;
  }

  /** Gives leases back unattempted (a replica stopping): those deliveries are due again at once. */
  async release(claims: readonly ClaimedDelivery[]): Promise<void> {
    if (claims.length === 0) return;
    await this.dataSource.query(
      `UPDATE webhook_deliveries d SET lease_id = NULL, lease_until = NULL
         FROM unnest($1::uuid[], $2::uuid[]) AS held(id, lease_id)
        WHERE d.id = held.id AND d.lease_id = held.lease_id`,
      [claims.map((claim) => claim.id), claims.map((claim) => claim.leaseId)],
    );
  }

  /** An endpoint's deliveries newest first, each with its attempts; one more row tells whether a page follows. */
  async page(endpointId: string, limit: number, before: KeysetPosition | undefined, status: DeliveryStatus | undefined): Promise<DeliveryView[]> {
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.event_id, e.type, d.status, d.attempts, d.next_attempt_at, d.created_at, d.finished_at,
              to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position_created_at,
              (SELECT coalesce(json_agg(a ORDER BY a.attempted_at), '[]'::json) FROM (
                 SELECT attempted_at, duration_ms, status_code, error, response_body
                   FROM webhook_attempts WHERE delivery_id = d.id) a) AS attempt_log
         FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
        WHERE d.endpoint_id = $1
          AND ($2::timestamptz IS NULL OR (d.created_at, d.id) < ($2::timestamptz, $3::uuid))
          AND ($4::text IS NULL OR d.status = $4)
        ORDER BY d.created_at DESC, d.id DESC LIMIT $5`,
      [endpointId, before?.createdAt ?? null, before?.id ?? null, status ?? null, limit],
    )) as DeliveryRow[];
    return rows.map((row) => ({
      id: row.id,
      eventPosition: row.event_id,
      type: row.type,
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      position: { createdAt: row.position_created_at, id: row.id },
      attemptLog: row.attempt_log.map((attempt) => ({
        attemptedAt: new Date(attempt.attempted_at),
        durationMs: attempt.duration_ms,
        statusCode: attempt.status_code,
        error: attempt.error,
        responseBody: attempt.response_body,
      })),
    }));
  }

  /** Makes the delivery due now (whatever its state); false when the endpoint has no such delivery. */
  async retryNow(endpointId: string, deliveryId: string, now: Date): Promise<boolean> {
    const [, updated] = (await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $3, finished_at = NULL
        WHERE id = $1 AND endpoint_id = $2`,
      [deliveryId, endpointId, now],
    )) as [unknown, number];
    return updated === 1;
  }

  /** Deliveries waiting for an attempt, for the metrics. */
  async pendingCount(): Promise<number> {
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM webhook_deliveries WHERE status = 'pending'`,
    )) as { count: number }[];
    return count;
  }
}
