import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RunStop } from './entities/token-refresh-run.entity';
import type { RefreshRunReport } from './refresh-run';

/** How long runs are kept, for /health, the admin overview and metrics. */
export const RUNS_KEPT_DAYS = 7;

/** A run as the overview shows it. */
export interface RecordedRun {
  readonly replica: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly claimed: number;
  readonly refreshed: number;
  readonly failed: number;
  readonly returned: number;
  readonly stoppedBy: RunStop | null;
}

interface RunRow {
  replica: string;
  started_at: Date;
  finished_at: Date | null;
  claimed: number;
  refreshed: number;
  failed: number;
  returned: number;
  stopped_by: RunStop | null;
}

/** The refresher's runs on every replica: one row written when a run starts, completed when it ends. */
@Injectable()
export class RefreshRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  async start(replica: string, startedAt: Date): Promise<string> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO token_refresh_runs (replica, started_at) VALUES ($1, $2) RETURNING id`,
      [replica, startedAt],
    )) as { id: string }[];
    return row.id;
  }

  /** Completes the run's row and drops the rows older than RUNS_KEPT_DAYS, in one statement. */
  async finish(id: string, report: RefreshRunReport, stoppedBy: RunStop | null, finishedAt: Date): Promise<void> {
    await this.dataSource.query(
      `WITH pruned AS (
         DELETE FROM token_refresh_runs WHERE finished_at < $7::timestamptz - make_interval(days => $8))
       UPDATE token_refresh_runs
          SET finished_at = $7, claimed = $2, refreshed = $3, failed = $4, returned = $5, stopped_by = $6
        WHERE id = $1`,
      [id, report.claimed, report.refreshed, report.failed, report.returned, stoppedBy, finishedAt, RUNS_KEPT_DAYS],
    );
  }

  async outcomesSince(since: Date): Promise<RunOutcomes> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS runs, coalesce(sum(claimed), 0)::int AS claimed,
              coalesce(sum(refreshed), 0)::int AS refreshed, coalesce(sum(failed), 0)::int AS failed
         FROM token_refresh_runs WHERE finished_at >= $1`,
      [since],
    )) as RunOutcomes[];
    return row;
  }

  /** The run that finished last on any replica, and whether one has been running since `startedAfter`. */
  async latest(startedAfter: Date): Promise<{ lastFinished: RecordedRun | null; running: boolean }> {
    const [[last], [running]] = (await Promise.all([
      this.dataSource.query(
        `SELECT replica, started_at, finished_at, claimed, refreshed, failed, returned, stopped_by
           FROM token_refresh_runs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1`,
      ),
      this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM token_refresh_runs WHERE finished_at IS NULL AND started_at > $1) AS running`,
        [startedAfter],
      ),
    ])) as [RunRow[], { running: boolean }[]];
    return { lastFinished: last === undefined ? null : runOf(last), running: running.running };
  }
}

/** What the runs that finished since a time did, on every replica. */
export interface RunOutcomes {
  readonly runs: number;
  readonly claimed: number;
  readonly refreshed: number;
  readonly failed: number;
}

function runOf(row: RunRow): RecordedRun {
  return {
    replica: row.replica,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    claimed: row.claimed,
    refreshed: row.refreshed,
    failed: row.failed,
    returned: row.returned,
    stoppedBy: row.stopped_by,
  };
}
