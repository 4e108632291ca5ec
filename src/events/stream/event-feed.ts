import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DatabaseEndpoint } from '../../database/database-endpoint.module';
import { EventNotifications } from '../event-notifications';
import { EventRepository, type StoredEvent } from '../event.repository';

/** What the feed hands each stream; the stream filters for its reader. */
export interface FeedListener {
  deliver(event: StoredEvent): void;
}

/** Events read per statement. */
export const FEED_BATCH = 500;
/** Without LISTEN (the embedded database, or the connection down), the log is read this often. */
const POLL_MS = 500;
/** With LISTEN in place, a read now and then all the same: a lost notification costs at most this. */
const BACKSTOP_POLL_MS = 5_000;

/**
 * One reader of the event log per replica for every live stream on it: woken by each committed
 * event (LISTEN/NOTIFY, from any replica), it reads what is new once and hands it to every
 * stream, whatever their number. It runs only while a stream is open.
 */
@Injectable()
export class EventFeed implements OnApplicationShutdown {
  private readonly logger = new Logger('EventFeed');
  private readonly listeners = new Set<FeedListener>();
  private position: string | undefined;
  private starting: Promise<void> | undefined;
  private reading: Promise<void> | undefined;
  private isReadAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly events: EventRepository,
    private readonly notifications: EventNotifications,
    private readonly endpoint: DatabaseEndpoint,
  ) {}

  /**
   * Adds a listener; from when this resolves it gets every event committed after the feed's
   * position, which is no earlier than the log's end at the moment it joined.
   */
  async join(listener: FeedListener): Promise<void> {
    this.listeners.add(listener);
    this.starting ??= this.start();
    await this.starting;
  }

  leave(listener: FeedListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.stop();
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  private async start(): Promise<void> {
    try {
      this.position = await this.events.lastPosition();
    } catch (error) {
      this.starting = undefined;
      throw error;
    }
    this.unsubscribe = this.notifications.subscribe(() => this.read());
    this.schedule();
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.starting = undefined;
    this.position = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const ms = this.endpoint.embedded === undefined && this.notifications.isListening ? BACKSTOP_POLL_MS : POLL_MS;
    this.timer = setTimeout(() => {
      this.read();
      if (this.unsubscribe !== undefined) this.schedule();
    }, ms);
    this.timer.unref();
  }

  /** Reads everything after the position; a wake-up during a read reads again after it. */
  private read(): void {
    if (this.reading !== undefined) {
      this.isReadAgain = true;
      return;
    }
    this.reading = this.readAll()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Could not read new events; the next wake-up tries again'))
      .finally(() => {
        this.reading = undefined;
        if (this.isReadAgain && this.position !== undefined) {
          this.isReadAgain = false;
          this.read();
        }
      });
  }

  private async readAll(): Promise<void> {
    while (this.position !== undefined) {
      const batch = await this.events.after({
        orgId: undefined,
        afterPosition: this.position,
        types: undefined,
        accountId: undefined,
        limit: FEED_BATCH,
      });
      if (this.position === undefined) return;
      for (const event of batch) {
        this.position = event.position;
        for (const listener of this.listeners) listener.deliver(event);
      }
      if (batch.length < FEED_BATCH) return;
    }
  }
}
