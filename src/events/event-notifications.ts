import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DatabaseEndpoint } from '../database/database-endpoint.module';
import { CONNECTION_TIMEOUT_MS } from '../database/data-source-options';
import { EVENTS_CHANNEL } from './event.repository';

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

/**
 * Wakes this replica's webhook dispatcher and live streams when any replica commits an event:
 * one connection of its own LISTENs on the channel every event writer NOTIFYs. The embedded
 * database (PGlite, one process by construction) has no LISTEN across connections: there the
 * readers poll. A lost connection is reopened with backoff, and readers are woken once then,
 * since they read what they missed from the table anyway.
 */
@Injectable()
export class EventNotifications implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventNotifications');
  private readonly listeners = new Set<() => void>();
  private client: Client | undefined;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private isStopped = false;
  /** True while LISTEN is in place: readers may then poll rarely. */
  isListening = false;

  constructor(private readonly endpoint: DatabaseEndpoint) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.endpoint.embedded !== undefined) return;
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
  }

  /** Calls `listener` on each commit of an event (coalesced by PostgreSQL within a transaction); answers the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private wake(): void {
    for (const listener of this.listeners) listener();
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.endpoint.url,
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      keepAlive: true,
      application_name: 'ebay-connect-events',
    });
    this.client = client;
    client.on('notification', () => this.wake());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, undefined));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      this.isListening = true;
      this.retryMs = FIRST_RETRY_MS;
      this.wake();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.isListening = false;
    client.end().catch(() => undefined);
    if (this.isStopped) return;
    this.logger.warn({ err: error, retryInMs: this.retryMs }, 'Not listening for events; polling until the connection is back');
    this.retryTimer = setTimeout(() => void this.listen(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(LONGEST_RETRY_MS, this.retryMs * 2);
  }
}
