import type { Pool, QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** The part of TypeORM's PostgreSQL driver this file relies on: its `pg` pool. */
interface PooledDriver {
  readonly master: Pool;
}

/**
 * One SQL statement that PostgreSQL parses and plans once per connection (a named prepared
 * statement) and that goes straight to the driver's pool. For the few statements on the hot
 * path, where building the query through TypeORM costs as much as running it. It shares the
 * pool, so the pool's limits and the statement timeout hold as for every other query.
 * A transaction-pooling proxy in front of PostgreSQL would have to keep prepared statements
 * (PgBouncer does from 1.21 with max_prepared_statements).
 */
export class PreparedStatement<Row extends QueryResultRow> {
  constructor(
    private readonly name: string,
    private readonly text: string,
  ) {}

  async rows(dataSource: DataSource, values: readonly unknown[]): Promise<Row[]> {
    const pool = (dataSource.driver as unknown as PooledDriver).master;
    const result = await pool.query<Row>({ name: this.name, text: this.text, values: [...values] });
    return result.rows;
  }

  /**
   * The same statement inside the transaction `manager` belongs to, unnamed (TypeORM's query
   * runner sends only text and values, so it is parsed each time). For the rare path that must
   * write with other rows atomically; the common path stays on `rows`.
   */
  async rowsIn(manager: EntityManager, values: readonly unknown[]): Promise<Row[]> {
    const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
    try {
      const result = await runner.query(this.text, [...values], true);
      return result.records as Row[];
    } finally {
      if (manager.queryRunner === undefined) await runner.release();
    }
  }
}
