import type { EntityManager } from 'typeorm';
import type { SyncResource } from './sync-resource';

/** One page of eBay records, read and checked. */
export interface RecordPage<R> {
  readonly records: readonly R[];
  /** eBay says another page follows (its `next` link). */
  readonly hasNext: boolean;
}

/**
 * Everything the sync needs to know about one resource: where eBay lists it, how a page of
 * records changed since a time is asked for and read, and how a page is stored. The run
 * (src/sync/resource-sync.ts) is the same for every resource.
 */
export interface ResourceSource<R> {
  readonly resource: SyncResource;
  /** Names the eBay call in errors, logs and metrics. */
  readonly action: string;
  readonly host: 'api' | 'apiz';
  readonly path: string;
  /** The largest page eBay serves for this call. */
  readonly pageSize: number;
  /** The query string of the page at `offset` of everything changed at or after `from`. */
  query(from: Date, offset: number): string;
  /** The page in eBay's answer; eBay's malformed answers throw EbayMalformedResponseError. */
  readPage(body: unknown): RecordPage<R>;
  /** Stores the page in the caller's transaction; answers how many rows were new or changed. */
  upsert(manager: EntityManager, accountId: string, records: readonly R[]): Promise<number>;
  /**
   * Where the range must start at the latest for the run to read again the stored records eBay
   * may still change without the change bringing them into the range (the search is by a date
   * the change does not move), the oldest no earlier than `notBefore`; null when there are none.
   */
  oldestUnsettled(manager: EntityManager, accountId: string, notBefore: Date): Promise<Date | null>;
}

/**
 * eBay's filter syntax, `name:[from..]`, percent-encoded as eBay's documents show (URLSearchParams
 * encodes the brackets and the colons). The range is open-ended on purpose: see docs/sync.md.
 */
export function sinceFilter(name: string, from: Date): string {
  return `${name}:[${from.toISOString()}..]`;
}

/** The last record wins when eBay lists one twice in a page (an upsert may touch a row once). */
export function lastById<R>(records: readonly R[], idOf: (record: R) => string): R[] {
  return [...new Map(records.map((record) => [idOf(record), record])).values()];
}
