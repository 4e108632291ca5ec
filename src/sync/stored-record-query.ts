import type { DataSource } from 'typeorm';
import { keysetPageOf } from '../common/paging/keyset-page';
import type { KeysetPage, PageRequest } from '../common/paging/page-query.dto';

/** A table of stored eBay records, listed newest first by one instant column, the row id breaking ties. */
export interface StoredRecordTable {
  readonly name: 'ebay_orders' | 'ebay_transactions';
  /** What a list shows of a row; never raw, which a page of would make large. */
  readonly columns: string;
  readonly sortColumn: 'creation_date' | 'transaction_date';
}

export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** What every listed row carries besides its own columns. */
export interface PositionedRow {
  readonly id: string;
  /** The sort column to the microsecond, as KeysetPosition.createdAt. */
  readonly position: string;
  /** Only on offset pages. */
  readonly total?: number;
}

/**
 * The WHERE of a list: the account's rows, narrowed by each filter that was given. Values are
 * parameters; column names come from the repositories, never from a request.
 */
export class RecordConditions {
  private readonly parts: string[] = [];
  private readonly values: unknown[] = [];

  constructor(accountId: string) {
    this.add((n) => `ebay_account_id = $${n}`, accountId);
  }

  equals(column: string, value: string | undefined): this {
    return value === undefined ? this : this.add((n) => `${column} = $${n}`, value);
  }

  /** On or after an ISO instant (src/common/time/iso-instant.ts), to the microsecond. */
  atOrAfter(column: string, instant: string | undefined): this {
    return instant === undefined ? this : this.add((n) => `${column} >= $${n}::timestamptz`, instant);
  }

  atOrBefore(column: string, instant: string | undefined): this {
    return instant === undefined ? this : this.add((n) => `${column} <= $${n}::timestamptz`, instant);
  }

  get where(): string {
    return this.parts.join(' AND ');
  }

  get params(): readonly unknown[] {
    return this.values;
  }

  private add(condition: (placeholder: number) => string, value: unknown): this {
    this.values.push(value);
    this.parts.push(condition(this.values.length));
    return this;
  }
}

/**
 * The statement of one page, newest first, one row more than the limit to tell whether another
 * follows. An offset page counts the filter's rows in the same statement (an uncorrelated
 * subquery, run once); a keyset page starts below its cursor with a row comparison, so the
 * index's range starts there, and skips the count.
 */
export function pageStatement(table: StoredRecordTable, conditions: RecordConditions, request: PageRequest): Statement {
  const { name, sortColumn } = table;
  const columns = `${table.columns},
    to_char(${sortColumn} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position`;
  const n = conditions.params.length;
  if (request.kind === 'offset') {
    return {
      sql: `SELECT ${columns}, (SELECT count(*)::int FROM ${name} WHERE ${conditions.where}) AS total
              FROM ${name} WHERE ${conditions.where}
             ORDER BY ${sortColumn} DESC, id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
      params: [...conditions.params, request.limit + 1, request.offset],
    };
  }
  return {
    sql: `SELECT ${columns} FROM ${name}
           WHERE ${conditions.where} AND (${sortColumn}, id) < ($${n + 1}::timestamptz, $${n + 2}::uuid)
           ORDER BY ${sortColumn} DESC, id DESC LIMIT $${n + 3}`,
    params: [...conditions.params, request.after.createdAt, request.after.id, request.limit + 1],
  };
}

/** Reads the page pageStatement describes; a page past the end of an offset list is counted apart. */
export async function readRecordPage<Row extends PositionedRow, Item>(
  dataSource: DataSource,
  table: StoredRecordTable,
  conditions: RecordConditions,
  request: PageRequest,
  itemOf: (row: Row) => Item,
): Promise<KeysetPage<Item>> {
  const { sql, params } = pageStatement(table, conditions, request);
  const rows = (await dataSource.query(sql, [...params])) as Row[];
  const total = request.kind === 'offset' ? await totalOf(dataSource, table, conditions, rows, request.offset) : null;
  return keysetPageOf(rows, request, total, itemOf, (row) => ({ createdAt: row.position, id: row.id }));
}

async function totalOf(
  dataSource: DataSource,
  table: StoredRecordTable,
  conditions: RecordConditions,
  rows: readonly PositionedRow[],
  offset: number,
): Promise<number> {
  if (rows.length > 0) return rows[0].total ?? 0;
  if (offset === 0) return 0;
  const [{ total }] = (await dataSource.query(
    `SELECT count(*)::int AS total FROM ${table.name} WHERE ${conditions.where}`,
    [...conditions.params],
  )) as { total: number }[];
  return total;
}
