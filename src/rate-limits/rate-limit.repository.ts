import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RateLimitHit {
  readonly key: string;
  readonly now: Date;
  /** Hits allowed per window; the one after them blocks the key. */
  readonly limit: number;
  /** When a window that starts with this hit ends. */
  readonly windowEndsAt: Date;
  /** When a block that starts with this hit ends; null: at the end of the window. */
  readonly blockEndsAt: Date | null;
}

export interface RateLimitCount {
  readonly hits: number;
  readonly isBlocked: boolean;
  /** When the window ends, or the block when blocked. */
  readonly resetsAt: Date;
}

/**
 * Counts a hit in one statement, so replicas hitting one key at once queue on its row and
 * every hit is counted once. A key whose window (or block) has ended starts again at 1; a
 * blocked key counts nothing more, so a flood cannot stretch its own block.
 */
const COUNT_HIT = `
  INSERT INTO rate_limits AS r (key, hits, is_blocked, resets_at)
  VALUES ($1, 1, $3::int < 1, CASE WHEN $3::int < 1 THEN COALESCE($5::timestamptz, $4::timestamptz) ELSE $4::timestamptz END)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE
      WHEN r.resets_at <= $2::timestamptz THEN 1
      WHEN r.is_blocked THEN r.hits
      ELSE r.hits + 1
    END,
    is_blocked = CASE
      WHEN r.resets_at <= $2::timestamptz THEN EXCLUDED.is_blocked
      ELSE r.is_blocked OR r.hits >= $3::int
    END,
    resets_at = CASE
      WHEN r.resets_at <= $2::timestamptz THEN EXCLUDED.resets_at
      WHEN r.is_blocked OR r.hits < $3::int THEN r.resets_at
      ELSE COALESCE($5::timestamptz, r.resets_at)
    END
  RETURNING hits, is_blocked AS "isBlocked", resets_at AS "resetsAt"`;

/** The outer condition is checked again on a row a concurrent hit has just restarted. */
const DELETE_ENDED = `
  WITH ended AS (
    DELETE FROM rate_limits
     WHERE key IN (SELECT key FROM rate_limits WHERE resets_at <= $1 LIMIT $2)
       AND resets_at <= $1
    RETURNING 1
  )
  SELECT count(*)::int AS deleted FROM ended`;

@Injectable()
export class RateLimitRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one hit and answers the key's count after it. */
  async countHit(hit: RateLimitHit): Promise<RateLimitCount> {
    const rows: RateLimitCount[] = await this.dataSource.query(COUNT_HIT, [
      hit.key,
      hit.now,
      hit.limit,
      hit.windowEndsAt,
      hit.blockEndsAt,
    ]);
    return rows[0];
  }

  /** Deletes up to `batchSize` rows whose window or block ended by `now`; answers how many. */
  async deleteEnded(now: Date, batchSize: number): Promise<number> {
    const rows: { deleted: number }[] = await this.dataSource.query(DELETE_ENDED, [now, batchSize]);
    return rows[0].deleted;
  }
}
