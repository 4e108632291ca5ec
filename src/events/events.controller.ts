import { Controller, Get, Query } from '@nestjs/common';
import { type AuthUser, CurrentUser } from '../auth';
import { ErrorResponse } from '../common/errors/error-response.dto';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '../common/openapi/openapi-decorators';
import { EventResponse, EventsPage } from './dto/event.response';
import { EventsQuery } from './dto/events-query.dto';
import { eventIdOf } from './event-id';
import { EventLogService } from './event-log.service';

@ApiTags('events')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@Controller('events')
export class EventsController {
  constructor(private readonly log: EventLogService) {}

  @Get()
  @ApiOperation({
    summary: 'What happened, oldest first',
    description:
      'The event log of the caller’s organisation (and events for every organisation, such as quota.warning); ' +
      'administrators read every organisation’s unless they pass orgId. Follow nextAfter with after= to read on; ' +
      'ids grow in commit order, so a client that stores the last id it handled misses nothing. ' +
      'Events are kept EVENTS_RETENTION_DAYS.',
  })
  @ApiOkResponse({ type: EventsPage })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'An unknown type, a limit outside 1–500, an accountId or orgId that is not a UUID; code invalid_event_id: after is not an event id',
  })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'orgId from a caller who is not an administrator' })
  async list(@CurrentUser() user: AuthUser, @Query() query: EventsQuery): Promise<EventsPage> {
    const page = await this.log.page(user, {
      after: query.after,
      types: query.types,
      accountId: query.accountId,
      orgId: query.orgId,
      limit: query.limit ?? 100,
    });
    return {
      items: page.events.map((event) => EventResponse.from(event)),
      nextAfter: page.nextAfterPosition === undefined ? null : eventIdOf(page.nextAfterPosition),
    };
  }
}
