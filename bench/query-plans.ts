import type { Client } from 'pg';

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly 'Parent Relationship'?: string;
  readonly 'Shared Hit Blocks'?: number;
  readonly 'Shared Read Blocks'?: number;
  readonly 'Temp Written Blocks'?: number;
  readonly Plans?: readonly PlanNode[];
}

interface Explained {
  readonly Plan: PlanNode;
  readonly 'Execution Time': number;
}

/** One statement's plan in a line: what it ran, how long, how many pages, index or scan. */
export interface PlanSummary {
  readonly name: string;
  readonly executionMs: number;
  readonly sharedBlocks: number;
  readonly tempBlocks: number;
  /** The nodes that produce the rows, the count's (an InitPlan) apart. */
  readonly shape: string;
  /** No Seq Scan and no Sort where the rows come from. */
  readonly usesIndex: boolean;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a statement with its parameters, as the service sends it
 * (an unnamed statement, planned for these values), inside a transaction that is rolled back:
 * the claim's FOR UPDATE takes locks.
 */
export async function explain(client: Client, name: string, sql: string, params: readonly unknown[]): Promise<PlanSummary> {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': Explained[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, [...params]);
    const [explained] = rows[0]['QUERY PLAN'];
    const plan = explained.Plan;
    return {
      name,
      executionMs: explained['Execution Time'],
      sharedBlocks: (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0),
      tempBlocks: plan['Temp Written Blocks'] ?? 0,
      shape: describe(plan),
      usesIndex: !rowNodes(plan).some((node) => node['Node Type'] === 'Seq Scan' || node['Node Type'] === 'Sort'),
    };
  } finally {
    await client.query('ROLLBACK');
  }
}

/** `Limit → Index Scan using ix_… {count: Aggregate → Index Only Scan using ix_…}` */
function describe(node: PlanNode): string {
  const on = node['Index Name'] !== undefined ? ` using ${node['Index Name']}` : node['Relation Name'] !== undefined ? ` on ${node['Relation Name']}` : '';
  const children = node.Plans ?? [];
  const counts = children.filter((child) => child['Parent Relationship'] === 'InitPlan');
  const rest = children.filter((child) => child['Parent Relationship'] !== 'InitPlan');
  const below = rest.length === 0 ? '' : rest.length === 1 ? ` → ${describe(rest[0])}` : ` → [${rest.map(describe).join(' | ')}]`;
  const count = counts.length === 0 ? '' : `  {count: ${counts.map(describe).join(' | ')}}`;
  return `${node['Node Type']}${on}${below}${count}`;
}

/** The nodes rows come from: the plan without its InitPlans (the total's count). */
function rowNodes(node: PlanNode): PlanNode[] {
  const children = (node.Plans ?? []).filter((child) => child['Parent Relationship'] !== 'InitPlan');
  return [node, ...children.flatMap(rowNodes)];
}
