import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type AuthUser, CurrentUser } from '../../auth';
import { ErrorResponse } from '../../common/errors/error-response.dto';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '../../common/openapi/openapi-decorators';
import { EventStreamQuery } from '../dto/event-stream-query.dto';
import { EventStreamService } from './event-stream.service';

@ApiTags('events')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@Controller('events')
export class EventStreamController {
  constructor(private readonly streams: EventStreamService) {}

  @Get('stream')
  @ApiOperation({
    summary: 'The events as they happen (server-sent events)',
    description:
      'A text/event-stream of the events GET /api/events lists, in the same scope: each message has id: (the event ' +
      'id) and data: (the webhook body, {type, timestamp, data}); a comment line every 15 s keeps it open. Without ' +
      'Last-Event-ID it starts with the next event; with it, everything after that event comes first, from the log, ' +
      'then the live ones: a client that reconnects with the last id it saw misses nothing (within ' +
      'EVENTS_RETENTION_DAYS). Events from every replica arrive within about a second. Browsers read it with fetch ' +
      '(EventSource cannot send the Authorization header). A reader that leaves 256 KiB unread is disconnected.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The last event id the client has' })
  @ApiOkResponse({ description: 'The stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'code invalid_event_id: Last-Event-ID is not an event id; bad types, accountId or orgId' })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'orgId from a caller who is not an administrator' })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'code too_many_streams: EVENTS_STREAMS_PER_USER are open already' })
  async stream(
    @CurrentUser() user: AuthUser,
    @Query() query: EventStreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    await this.streams.open(
      user,
      { lastEventId: lastEventId === '' ? undefined : lastEventId, types: query.types, accountId: query.accountId, orgId: query.orgId },
      response,
    );
  }
}
