import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KeysetPosition } from '../common/paging/keyset-cursor';
import { keysetPageOf } from '../common/paging/keyset-page';
import type { KeysetPage, PageRequest } from '../common/paging/page-query.dto';
import type { AccountScope } from './ebay-account.repository';
import { type AccountPurpose, EbayAccount } from './entities/ebay-account.entity';

interface AccountRow {
  readonly id: string;
  readonly org_id: string;
  readonly ebay_user_id: string;
  readonly username: string | null;
  readonly house_name: string;
  readonly house_name_key: string;
  readonly purpose: AccountPurpose;
  readonly marketplace_id: string | null;
  readonly site_id: number | null;
  readonly connected_at: Date;
  readonly is_active: boolean;
  readonly deleted_at: Date | null;
  readonly created_at: Date;
  readonly updated_at: Date;
  /** created_at to the microsecond, as KeysetPosition.createdAt. */
  readonly position_created_at: string;
  /** Only on offset pages. */
  readonly total?: number;
}

const COLUMNS = `id, org_id, ebay_user_id, username, house_name, house_name_key, purpose, marketplace_id, site_id,
  connected_at, is_active, deleted_at, created_at, updated_at,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position_created_at`;

/**
 * Pages of accounts in (created_at, id) order, each in one statement that the indexes
 * ix_ebay_accounts_org_created and ix_ebay_accounts_created serve without a sort. Raw SQL
 * with the microsecond text of created_at, which a JS Date cannot hold (KeysetPosition).
 */
@Injectable()
export class AccountPageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The page asked for, one item more read to tell whether another follows. An offset page
   * carries the scope's total, counted in the same statement; a keyset page skips the count.
   */
  async page(scope: AccountScope, request: PageRequest): Promise<KeysetPage<EbayAccount>> {
    const rows =
      request.kind === 'offset'
        ? await this.byOffset(scope, request.limit, request.offset)
        : await this.after(scope, request.limit, request.after);
    const total = request.kind === 'offset' ? await this.totalOf(scope, rows, request.offset) : null;
    return keysetPageOf(rows, request, total, accountOf, (row) => ({ createdAt: row.position_created_at, id: row.id }));
  }

  private byOffset(scope: AccountScope, limit: number, offset: number): Promise<AccountRow[]> {
    const { where, params } = scopeCondition(scope);
    // An uncorrelated subquery runs once, and only if a row is read (see totalOf).
    return this.dataSource.query(
      `SELECT ${COLUMNS}, (SELECT count(*)::int FROM ebay_accounts WHERE ${where}) AS total
         FROM ebay_accounts WHERE ${where}
        ORDER BY created_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit + 1, offset],
    );
  }

  private after(scope: AccountScope, limit: number, after: KeysetPosition): Promise<AccountRow[]> {
    const { where, params } = scopeCondition(scope);
    const n = params.length;
    // A row comparison, so that the index's range starts at the position.
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM ebay_accounts
        WHERE ${where} AND (created_at, id) > ($${n + 1}::timestamptz, $${n + 2}::uuid)
        ORDER BY created_at, id LIMIT $${n + 3}`,
      [...params, after.createdAt, after.id, limit + 1],
    );
  }

  /** The total the page's rows carry; a page past the end has none and is counted apart. */
  private async totalOf(scope: AccountScope, rows: readonly AccountRow[], offset: number): Promise<number> {
    if (rows.length > 0) return rows[0].total ?? 0;
    if (offset === 0) return 0;
    const { where, params } = scopeCondition(scope);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ebay_accounts WHERE ${where}`,
      params,
    )) as { total: number }[];
    return total;
  }
}

function scopeCondition(scope: AccountScope): { where: string; params: unknown[] } {
  return 'orgId' in scope ? { where: 'org_id = $1', params: [scope.orgId] } : { where: 'true', params: [] };
}

function accountOf(row: AccountRow): EbayAccount {
  return Object.assign(new EbayAccount(), {
    id: row.id,
    orgId: row.org_id,
    ebayUserId: row.ebay_user_id,
    username: row.username,
    houseName: row.house_name,
    houseNameKey: row.house_name_key,
    purpose: row.purpose,
    marketplaceId: row.marketplace_id,
    siteId: row.site_id,
    connectedAt: row.connected_at,
    isActive: row.is_active,
    deletedAt: row.deleted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
