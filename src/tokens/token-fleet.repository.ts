import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Counts over every connected token, for the admin overview and metrics. */
export interface TokenFleetCounts {
  /** Tokens of connected accounts (a refresh token stored). */
  readonly connected: number;
  /** Connected tokens eBay refused to refresh: their accounts need a reconnect. */
  readonly reauthRequired: number;
  /** Connected, active tokens that expire within the refresh horizon. */
  readonly expiringWithinHorizon: number;
  /** Active tokens due for a background refresh now (the backlog). */
  readonly dueNow: number;
  /** Tokens whose last refresh failed within the last 24 hours. */
  readonly failingLast24h: number;
}

@Injectable()
export class TokenFleetRepository {
  constructor(private readonly dataSource: DataSource) {}

  async counts(now: Date, horizonSeconds: number): Promise<TokenFleetCounts> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS connected, count(*) FILTER (WHERE status = 'reauth_required')::int AS reauth_required,
              count(*) FILTER (WHERE status = 'active' AND expires_at < $1::timestamptz + make_interval(secs => $2))::int
                AS expiring_within_horizon,
              count(*) FILTER (WHERE status = 'active' AND next_refresh_at <= $1)::int AS due_now,
              count(*) FILTER (WHERE refresh_error IS NOT NULL AND updated_at > $1::timestamptz - interval '24 hours')::int
                AS failing_last_24h
         FROM ebay_tokens WHERE refresh_token IS NOT NULL`,
      [now, horizonSeconds],
    )) as { connected: number; reauth_required: number; expiring_within_horizon: number; due_now: number; failing_last_24h: number }[];
    return {
      connected: row.connected,
      reauthRequired: row.reauth_required,
      expiringWithinHorizon: row.expiring_within_horizon,
      dueNow: row.due_now,
      failingLast24h: row.failing_last_24h,
    };
  }
}
