import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HealthCheckResult } from './account-health-checker';

/** A round this replica takes part in. */
export interface JoinedRound {
  readonly roundId: string;
  /** This replica created it (and so prunes the history for it). */
  readonly created: boolean;
}

/** One account claimed in a round, for the replica that claimed it. */
export interface RoundClaim {
  readonly roundId: string;
  readonly accountId: string;
  readonly claimId: string;
}

/**
 * The rows that make each round check every account once, however many replicas take part:
 * a round per scheduled run (unique), and a claim row per account, taken with
 * `FOR UPDATE SKIP LOCKED` and leased, and marked checked only by its claim's holder in the
 * statement that records the event. No statement here waits for eBay.
 */
@Injectable()
export class HealthCheckRoundRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** The round of this scheduled run, if some replica created it already. */
  async find(scheduledAt: Date): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT id FROM ebay_health_check_rounds WHERE scheduled_at = $1`, [
      scheduledAt,
    ])) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /**
   * Creates the round with a claim row per account in one transaction, or joins the round
   * another replica created: its insert waits on the unique key until that transaction ends,
   * so a replica never sees a round without its accounts.
   */
  async createOrJoin(scheduledAt: Date, startedBy: string, accountIds: readonly string[]): Promise<JoinedRound> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO ebay_health_check_rounds (scheduled_at, started_by, account_count) VALUES ($1, $2, $3)
           ON CONFLICT (scheduled_at) DO NOTHING RETURNING id`,
        [scheduledAt, startedBy, accountIds.length],
      )) as { id: string }[];
      if (inserted.length === 0) {
        const [existing] = (await manager.query(`SELECT id FROM ebay_health_check_rounds WHERE scheduled_at = $1`, [
          scheduledAt,
        ])) as { id: string }[];
        return { roundId: existing.id, created: false };
      }
      const roundId = inserted[0].id;
      await manager.query(
        `INSERT INTO ebay_health_check_claims (round_id, ebay_account_id) SELECT $1, unnest($2::uuid[])`,
        [roundId, accountIds],
      );
      return { roundId, created: true };
    });
  }

  /** The round's next account nobody has checked or holds, leased to this replica; none when all are taken. */
  async claimNext(roundId: string, claimedBy: string, leaseSeconds: number): Promise<RoundClaim | undefined> {
    const claimId = randomUUID();
    const [rows] = (await this.dataSource.query(
      `UPDATE ebay_health_check_claims
          SET claim_id = $2, claimed_by = $3, claimed_until = now() + make_interval(secs => $4)
        WHERE round_id = $1 AND ebay_account_id = (
          SELECT ebay_account_id FROM ebay_health_check_claims
           WHERE round_id = $1 AND checked_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
           ORDER BY ebay_account_id LIMIT 1
           FOR UPDATE SKIP LOCKED)
        RETURNING ebay_account_id`,
      [roundId, claimId, claimedBy, leaseSeconds],
    )) as [{ ebay_account_id: string }[], number];
    return rows.length === 0 ? undefined : { roundId, accountId: rows[0].ebay_account_id, claimId };
  }

  /**
   * Marks the claim checked and records the check's event in one statement, only while the
   * claim is still this one (a replica stalled past its lease loses it, and its result with
   * it). Without a result (the account was disconnected meanwhile) nothing is recorded.
   * Answers whether the claim was still ours. Joins the transaction that is open, if any.
   */
  async complete(claim: RoundClaim, result: HealthCheckResult | null): Promise<boolean> {
    const tx = this.txHost.tx;
    const mark = `UPDATE ebay_health_check_claims SET checked_at = now(), claimed_until = NULL, event_id = $4
                   WHERE round_id = $1 AND ebay_account_id = $2 AND claim_id = $3 AND checked_at IS NULL
                   RETURNING ebay_account_id`;
    const key = [claim.roundId, claim.accountId, claim.claimId];
    if (result === null) {
      const [rows] = (await tx.query(mark, [...key, null])) as [unknown[], number];
      return rows.length > 0;
    }
    const eventId = randomUUID();
    // The claim's foreign key to the event is checked at the end of the statement, once both rows exist.
    const rows = (await tx.query(
      `WITH checked AS (${mark})
       INSERT INTO ebay_health_events
         (id, ebay_account_id, checked_at, is_healthy, http_status, error_code, error_message, response_time_ms)
       SELECT $4, ebay_account_id, $5, $6, $7, $8, $9, $10 FROM checked
       RETURNING id`,
      [
        ...key,
        eventId,
        result.checkedAt,
        result.isHealthy,
        result.httpStatus,
        result.errorCode,
        result.errorMessage,
        result.responseTimeMs,
      ],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Marks the round finished once every account in it is checked; answers whether this call did. */
  async finishIfDone(roundId: string): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE ebay_health_check_rounds SET finished_at = now()
        WHERE id = $1 AND finished_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM ebay_health_check_claims WHERE round_id = $1 AND checked_at IS NULL)
        RETURNING id`,
      [roundId],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  /** Deletes the rounds scheduled before `cutoff`, their claims with them; answers how many. */
  async pruneBefore(cutoff: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(`DELETE FROM ebay_health_check_rounds WHERE scheduled_at < $1`, [
      cutoff,
    ])) as [unknown, number];
    return count;
  }
}
