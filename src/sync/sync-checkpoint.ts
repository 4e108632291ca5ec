import { isObject } from './ebay-record-fields';

/** A run that stopped part way: the next run reads the same range on from `offset`. */
export interface UnfinishedRun {
  /** The start of the range the run asked eBay for (ISO 8601). */
  readonly from: string;
  /** When that run started: the checkpoint once the range is read to its end. */
  readonly startedAt: string;
  /** Records of the range already committed. */
  readonly offset: number;
}

/**
 * What ebay_sync_cursors.checkpoint holds. `since` moves only when a run has committed every
 * page of its range: then everything eBay changed before it is stored. Pages committed by a
 * run that did not finish are kept in `unfinished`, with the page they end at.
 */
export interface SyncCheckpoint {
  readonly since?: string;
  readonly unfinished?: UnfinishedRun;
}

/** The checkpoint in a cursor's jsonb; anything unreadable counts as none (a full backfill). */
export function checkpointOf(json: unknown): SyncCheckpoint {
  if (!isObject(json)) return {};
  const since = isDate(json.since) ? json.since : undefined;
  const unfinished = json.unfinished;
  const isUnfinished =
    isObject(unfinished) &&
    isDate(unfinished.from) &&
    isDate(unfinished.startedAt) &&
    Number.isSafeInteger(unfinished.offset) &&
    (unfinished.offset as number) >= 0;
  return {
    ...(since === undefined ? {} : { since }),
    ...(isUnfinished ? { unfinished: { from: unfinished.from as string, startedAt: unfinished.startedAt as string, offset: unfinished.offset as number } } : {}),
  };
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
