import type { Response } from 'express';
import { eventIdOf } from '../event-id';
import type { EventType } from '../event-types';
import type { StoredEvent } from '../event.repository';
import { payloadOf } from '../dto/event.response';
import type { FeedListener } from './event-feed';

/** Which events a stream's reader may see and asked for. */
export interface StreamFilter {
  /** Undefined: every organisation's (an administrator without orgId). */
  readonly orgId: string | undefined;
  readonly types: readonly EventType[] | undefined;
  readonly accountId: string | undefined;
}

/** Bytes a reader may leave unread before it is dropped (it reconnects with Last-Event-ID and misses nothing). */
export const MAX_UNREAD_BYTES = 256 * 1024;
/** Live events held while the stream catches up from the table; more means the reader cannot keep up. */
const MAX_QUEUED_WHILE_CATCHING_UP = 5_000;

export function matches(filter: StreamFilter, event: StoredEvent): boolean {
  if (filter.orgId !== undefined && event.orgId !== null && event.orgId !== filter.orgId) return false;
  if (filter.types !== undefined && !filter.types.includes(event.type)) return false;
  return filter.accountId === undefined || event.accountId === filter.accountId;
}

/**
 * One open text/event-stream response: events from the table first (after Last-Event-ID),
 * then live ones from the feed, each once and in order, as `id:` and `data:` lines (the data is
 * the webhook body). A reader that leaves too much unread is dropped, never buffered for.
 */
export class EventStream implements FeedListener {
  private queued: StoredEvent[] | undefined = [];
  private isClosed = false;

  constructor(
    private readonly response: Response,
    private readonly filter: StreamFilter,
    /** The last position the reader has (or needs not have). */
    private lastSent: bigint,
    private readonly onDrop: (reason: string) => void,
  ) {}

  deliver(event: StoredEvent): void {
    if (this.queued === undefined) this.write(event);
    else if (this.queued.push(event) > MAX_QUEUED_WHILE_CATCHING_UP) this.drop('too many events while catching up');
  }

  /** Events read from the table while catching up. */
  writeBacklog(events: readonly StoredEvent[]): void {
    for (const event of events) this.write(event);
  }

  /** Caught up: what the feed delivered meanwhile goes out (the part already sent is skipped), then live. */
  goLive(): void {
    const queued = this.queued ?? [];
    this.queued = undefined;
    for (const event of queued) this.write(event);
  }

  heartbeat(): void {
    this.send(': heartbeat\n\n');
  }

  close(): void {
    this.isClosed = true;
  }

  private write(event: StoredEvent): void {
    const position = BigInt(event.position);
    if (this.isClosed || position <= this.lastSent) return;
    this.lastSent = position;
    if (!matches(this.filter, event)) return;
    this.send(`id: ${eventIdOf(event.position)}\ndata: ${JSON.stringify(payloadOf(event))}\n\n`);
  }

  private send(text: string): void {
    if (this.isClosed) return;
    this.response.write(text);
    if (this.response.writableLength > MAX_UNREAD_BYTES) this.drop('the reader is not reading');
  }

  private drop(reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.onDrop(reason);
    this.response.destroy();
  }
}
