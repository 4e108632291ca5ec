import { ApiProperty } from '../../common/openapi/openapi-decorators';
import { eventIdOf } from '../event-id';
import { EVENT_TYPES, EVENT_TYPE_DESCRIPTIONS, type EventType } from '../event-types';
import type { StoredEvent } from '../event.repository';

const TYPES_DESCRIPTION = EVENT_TYPES.map((type) => `${type}: ${EVENT_TYPE_DESCRIPTIONS[type]}`).join('; ');

/** The body of a webhook delivery and the data: of a stream message. */
export interface EventPayload {
  readonly type: EventType;
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
}

export function payloadOf(event: StoredEvent): EventPayload {
  return { type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data };
}

export class EventResponse {
  @ApiProperty({ example: 'evt_0000000000000000042', description: 'Grows in the order events were committed; also the webhook-id and the stream’s id' })
  id!: string;

  @ApiProperty({ enum: EVENT_TYPES, description: TYPES_DESCRIPTION })
  type!: EventType;

  @ApiProperty({ format: 'date-time', description: 'When the change happened' })
  timestamp!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the event concerns every organisation (quota.warning)' })
  orgId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  accountId!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'account.* events: accountId, houseName, ebayUserId, and what the type adds (see type)',
  })
  data!: Record<string, unknown>;

  static from(event: StoredEvent): EventResponse {
    return { id: eventIdOf(event.position), ...payloadOf(event), orgId: event.orgId, accountId: event.accountId };
  }
}

export class EventsPage {
  @ApiProperty({ type: [EventResponse], description: 'Oldest first' })
  items!: EventResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as after= for the next page; null when this page was the last one for now',
  })
  nextAfter!: string | null;
}
