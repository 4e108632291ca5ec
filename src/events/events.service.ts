import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '../metrics';
import { EventRepository } from './event.repository';
import type { EventType } from './event-types';
import { EventOutsideTransactionError } from './events.errors';

/** Event data: what a client needs to act, JSON only, never a token, a password or an e-mail. */
export type EventData = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Writes events into the transaction of the change they report (a transactional outbox): a
 * change that rolls back takes its event with it. The caller opens the transaction with
 * `TransactionHost.withTransaction()` and records last, just before it commits, because the
 * log's order lock is held from here to the commit.
 */
@Injectable()
export class EventsService {
  private readonly logger = new Logger('Events');

  constructor(
    private readonly events: EventRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly metrics: MetricsService,
  ) {}

  /** An event about an account; its organisation and names (accountId, houseName, ebayUserId) come from the account's row. */
  async recordForAccount(type: EventType, accountId: string, data: EventData = {}): Promise<void> {
    this.assertInTransaction(type);
    const position = await this.events.append({ kind: 'account', accountId }, type, data, undefined);
    if (position === undefined) this.logger.warn({ accountId, type }, 'No event: the account does not exist');
    else this.metrics.countEventRecorded(type);
  }

  /** An event about an organisation, or with orgId null about every one; `onlyEndpointId` sends it to that endpoint alone. */
  async recordForOrganisation(type: EventType, orgId: string | null, data: EventData, onlyEndpointId?: string): Promise<string> {
    this.assertInTransaction(type);
    const position = (await this.events.append({ kind: 'organisation', orgId }, type, data, onlyEndpointId))!;
    this.metrics.countEventRecorded(type);
    return position;
  }

  private assertInTransaction(type: EventType): void {
    if (!this.txHost.isTransactionActive()) throw new EventOutsideTransactionError(type);
  }
}
