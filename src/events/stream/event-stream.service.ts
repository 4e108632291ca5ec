import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthUser } from '../../auth';
import { EventsConfig } from '../../config/configuration';
import { positionOf } from '../event-id';
import { eventOrgScope } from '../event-scope';
import type { EventType } from '../event-types';
import { EventRepository } from '../event.repository';
import { InvalidEventIdError, TooManyStreamsError } from '../events.errors';
import { EventFeed, FEED_BATCH } from './event-feed';
import { EventStream, type StreamFilter } from './event-stream';

export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting (the `retry:` field). */
const RECONNECT_MS = 2_000;

export interface StreamRequest {
  readonly lastEventId: string | undefined;
  readonly types: readonly EventType[] | undefined;
  readonly accountId: string | undefined;
  readonly orgId: string | undefined;
}

/**
 * Opens live streams: checks, then the catch-up from the table, then the feed. On shutdown it
 * ends them: an open stream is a request that never finishes, and app.close() waits for every
 * request, so one console tab left open kept SIGTERM (and Ctrl-C) from ever stopping the process.
 */
@Injectable()
export class EventStreamService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('EventStream');
  private readonly openByUser = new Map<string, number>();
  /** Each open stream's ending: nothing more written, the response finished. */
  private readonly endings = new Set<() => void>();
  private isShuttingDown = false;

  constructor(
    private readonly events: EventRepository,
    private readonly feed: EventFeed,
    private readonly config: EventsConfig,
  ) {}

  /** Refusals (400, 403, 429) are thrown before anything is written, as JSON errors. */
  async open(user: AuthUser, request: StreamRequest, response: Response): Promise<void> {
    const filter: StreamFilter = { orgId: eventOrgScope(user, request.orgId), types: request.types, accountId: request.accountId };
    const resumeFrom = request.lastEventId === undefined ? undefined : positionOf(request.lastEventId);
    if (request.lastEventId !== undefined && resumeFrom === undefined) throw new InvalidEventIdError('Last-Event-ID');
    // Without Last-Event-ID the stream starts where the log ends as the request comes in, read
    // before the head is sent: a client that has its 200 misses nothing committed after it.
    const after = resumeFrom ?? (await this.events.lastPosition());
    // A reader reconnecting while this replica stops is sent away at once, to find another.
    if (this.isShuttingDown) {
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      response.end(`retry: ${RECONNECT_MS}\n\n`);
      return;
    }
    // Counted with no wait between the check and the count: two opens cannot both take the last place.
    const open = this.openByUser.get(user.id) ?? 0;
    if (open >= this.config.streamsPerUser) throw new TooManyStreamsError(this.config.streamsPerUser);
    this.openByUser.set(user.id, open + 1);

    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies such as nginx would otherwise hold events back to fill a buffer.
      'x-accel-buffering': 'no',
    });
    response.write(`retry: ${RECONNECT_MS}\n\n`);

    const stream = new EventStream(response, filter, BigInt(after), (reason) =>
      this.logger.warn({ userId: user.id, reason }, 'Dropped a live stream; its reader reconnects with Last-Event-ID'),
    );
    const heartbeat = setInterval(() => stream.heartbeat(), HEARTBEAT_MS);
    const end = (): void => {
      stream.close();
      response.end();
    };
    this.endings.add(end);
    response.on('close', () => {
      this.endings.delete(end);
      clearInterval(heartbeat);
      stream.close();
      this.feed.leave(stream);
      const left = (this.openByUser.get(user.id) ?? 1) - 1;
      if (left === 0) this.openByUser.delete(user.id);
      else this.openByUser.set(user.id, left);
    });

    try {
      await this.feed.join(stream);
      await this.catchUp(stream, filter, after);
      stream.goLive();
    } catch (error) {
      this.logger.warn({ err: error }, 'A live stream could not catch up; it is closed for the reader to reconnect');
      response.destroy();
    }
  }

  /** Ends every stream; its reader reconnects with Last-Event-ID (another replica, or this one restarted). */
  beforeApplicationShutdown(): void {
    this.isShuttingDown = true;
    for (const end of this.endings) end();
  }

  /** Everything after the reader's last event, from the table, in batches. */
  private async catchUp(stream: EventStream, filter: StreamFilter, after: string): Promise<void> {
    let position = after;
    for (;;) {
      const batch = await this.events.after({ ...filter, afterPosition: position, limit: FEED_BATCH });
      stream.writeBacklog(batch);
      if (batch.length < FEED_BATCH) return;
      position = batch[batch.length - 1].position;
    }
  }
}
