import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How the last finished round of periodic checks went, for the admin overview. */
export interface LastRoundSummary {
  readonly scheduledAt: Date;
  readonly finishedAt: Date;
  readonly checked: number;
  readonly unhealthy: number;
  /** The unhealthy accounts, up to UNHEALTHY_LISTED of them, with the reason their check gave. */
  readonly unhealthyAccounts: readonly { readonly accountId: string; readonly errorCode: string | null }[];
}

/** An overview lists this many; the count says how many there are in all. */
export const UNHEALTHY_LISTED = 50;

@Injectable()
export class LastRoundReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Null until a round has finished. */
  async lastFinished(): Promise<LastRoundSummary | null> {
    const [round] = (await this.dataSource.query(
      `SELECT id, scheduled_at, finished_at FROM ebay_health_check_rounds
        WHERE finished_at IS NOT NULL ORDER BY scheduled_at DESC LIMIT 1`,
    )) as { id: string; scheduled_at: Date; finished_at: Date }[];
    if (round === undefined) return null;
    const [counts] = (await this.dataSource.query(
      `SELECT count(e.id)::int AS checked, count(e.id) FILTER (WHERE NOT e.is_healthy)::int AS unhealthy
         FROM ebay_health_check_claims c JOIN ebay_health_events e ON e.id = c.event_id
        WHERE c.round_id = $1`,
      [round.id],
    )) as { checked: number; unhealthy: number }[];
    const unhealthy = (await this.dataSource.query(
      `SELECT c.ebay_account_id AS account_id, e.error_code
         FROM ebay_health_check_claims c JOIN ebay_health_events e ON e.id = c.event_id
        WHERE c.round_id = $1 AND NOT e.is_healthy
        ORDER BY c.ebay_account_id LIMIT $2`,
      [round.id, UNHEALTHY_LISTED],
    )) as { account_id: string; error_code: string | null }[];
    return {
      scheduledAt: round.scheduled_at,
      finishedAt: round.finished_at,
      checked: counts.checked,
      unhealthy: counts.unhealthy,
      unhealthyAccounts: unhealthy.map((row) => ({ accountId: row.account_id, errorCode: row.error_code })),
    };
  }
}
