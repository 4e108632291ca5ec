import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CountedGrantType } from './entities/ebay-grant-count.entity';

/** A day's count of one grant type, with the quota warning given for it (refresh_token only). */
export interface GrantCountRow {
  readonly grant_type: CountedGrantType;
  readonly grants: number;
  readonly warned_percent: number;
}

/** ebay_grant_counts: every replica's grants per eBay quota day, added to in single statements. */
@Injectable()
export class GrantCountRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** The day's counts as every replica has written them. */
  read(day: string): Promise<GrantCountRow[]> {
    return this.dataSource.query(`SELECT grant_type, grants, warned_percent FROM ebay_grant_counts WHERE quota_day = $1`, [day]);
  }

  /** Adds one replica's grants to the day's counts and answers the totals. */
  add(day: string, refreshGrants: number, authorizationCodeGrants: number): Promise<GrantCountRow[]> {
    return this.dataSource.query(
      `INSERT INTO ebay_grant_counts (quota_day, grant_type, grants)
       VALUES ($1, 'refresh_token', $2), ($1, 'authorization_code', $3)
       ON CONFLICT (quota_day, grant_type) DO UPDATE SET grants = ebay_grant_counts.grants + EXCLUDED.grants
       RETURNING grant_type, grants, warned_percent`,
      [day, refreshGrants, authorizationCodeGrants],
    );
  }

  /**
   * Inside the open transaction, records that the day's refresh grants were warned about at
   * `percent`; false when some replica already did (at this level or a higher one), so the
   * warning goes out once per day and level however many replicas see it.
   */
  async markRefreshWarned(day: string, percent: number): Promise<boolean> {
    const [rows] = (await this.txHost.tx.query(
      `UPDATE ebay_grant_counts SET warned_percent = $2
        WHERE quota_day = $1 AND grant_type = 'refresh_token' AND warned_percent < $2
       RETURNING 1`,
      [day, percent],
    )) as [unknown[], number];
    return rows.length === 1;
  }
}
