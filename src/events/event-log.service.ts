import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth';
import { eventOrgScope } from './event-scope';
import { positionOf } from './event-id';
import type { EventType } from './event-types';
import { EventRepository, type StoredEvent } from './event.repository';
import { InvalidEventIdError } from './events.errors';

export interface EventPageRequest {
  readonly after: string | undefined;
  readonly types: readonly EventType[] | undefined;
  readonly accountId: string | undefined;
  readonly orgId: string | undefined;
  readonly limit: number;
}

export interface EventPage {
  readonly events: StoredEvent[];
  /** The last event's position, to continue after; undefined when the page was not full. */
  readonly nextAfterPosition: string | undefined;
}

/** Reading the log: what GET /api/events answers, in the caller's scope. */
@Injectable()
export class EventLogService {
  constructor(private readonly events: EventRepository) {}

  async page(user: AuthUser, request: EventPageRequest): Promise<EventPage> {
    const afterPosition = request.after === undefined ? '0' : positionOf(request.after);
    if (afterPosition === undefined) throw new InvalidEventIdError('after');
    const events = await this.events.after({
      orgId: eventOrgScope(user, request.orgId),
      afterPosition,
      types: request.types,
      accountId: request.accountId,
      limit: request.limit,
    });
    return {
      events,
      nextAfterPosition: events.length === request.limit ? events[events.length - 1].position : undefined,
    };
  }
}
