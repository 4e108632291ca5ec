import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '../common/openapi/openapi-decorators';
import { type AuthUser, CurrentUser } from '../auth';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { ApiUuidParam } from '../common/http/api-uuid-param.decorator';
import { KeysetPageQuery } from '../common/paging/page-query.dto';
import { pageRequestOf } from '../common/paging/page-request';
import { pageResponseOf } from '../common/paging/page-response';
import { AccountHealthService } from './account-health.service';
import { AccountHealthQuery } from './dto/account-health-query.dto';
import { AccountHealthResponse } from './dto/account-health.response';
import { HealthEventResponse, HealthEventsPage } from './dto/health-event.response';

const ID_PARAM = new ParseUUIDPipe();

/** One account's health and the history of its checks (beside the account routes, owned here). */
@ApiTags('ebay-accounts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@Controller('ebay-accounts/:id/health')
export class AccountHealthController {
  constructor(private readonly health: AccountHealthService) {}

  @Get()
  @ApiUuidParam('id', 'The account’s id')
  @ApiOperation({
    summary: 'One account’s health',
    description:
      'The state of its tokens and the latest recorded check. With live=true the account is also checked at eBay ' +
      'now (Identity getUser; a token near its end is refreshed first, a refused one refreshed once and the call ' +
      'retried once) and the result recorded. eBay’s answer is reported in `live`, never as an error status: an ' +
      'account that needs a reconnect answers 200 with isHealthy false and errorCode reauth_required. Disconnected ' +
      'and deleted accounts are not called at eBay and nothing is recorded for them.',
  })
  @ApiOkResponse({ type: AccountHealthResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID, or live is not true or false' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such account in the caller’s organisation' })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ID_PARAM) id: string,
    @Query() query: AccountHealthQuery,
  ): Promise<AccountHealthResponse> {
    return AccountHealthResponse.from(await this.health.health(user, id, { live: query.live === true }));
  }

  @Get('events')
  @ApiUuidParam('id', 'The account’s id')
  @ApiOperation({
    summary: 'The account’s recorded health checks',
    description:
      'Newest first: live checks made through the API and the periodic rounds. Page by limit and offset ' +
      '(counted: total), or follow nextCursor with after= (not counted: total is null). Events older than ' +
      'HEALTH_EVENTS_RETENTION_DAYS are deleted.',
  })
  @ApiOkResponse({ type: HealthEventsPage })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description:
      'The id is not a UUID, or invalid limit or offset; code invalid_cursor: after is not a nextCursor this ' +
      'service handed out; code cursor_with_offset: after with a non-zero offset',
  })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such account in the caller’s organisation' })
  async events(
    @CurrentUser() user: AuthUser,
    @Param('id', ID_PARAM) id: string,
    @Query() query: KeysetPageQuery,
  ): Promise<HealthEventsPage> {
    const page = await this.health.events(user, id, pageRequestOf(query));
    return pageResponseOf(page, (event) => HealthEventResponse.fromEvent(event));
  }
}
