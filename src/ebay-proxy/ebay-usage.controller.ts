import { Controller, Get, Param, ParseUUIDPipe, Query, UseGuards } from '@nestjs/common';
import { AccountsService } from '../accounts';
import { AdminGuard, type AuthUser, CurrentUser } from '../auth';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { ApiUuidParam } from '../common/http/api-uuid-param.decorator';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '../common/openapi/openapi-decorators';
import { KeysetPageQuery } from '../common/paging/page-query.dto';
import { pageRequestOf } from '../common/paging/page-request';
import { pageResponseOf } from '../common/paging/page-response';
import { ApiCallRecorder } from './api-call-recorder';
import { ApiCallRepository } from './api-call.repository';
import { ApiCallResponse, ApiCallsPage } from './dto/api-call.response';
import { RateLimitsQuery, RateLimitsResponse } from './dto/rate-limits.dto';
import { EbayRateLimitsService, type RateLimits } from './ebay-rate-limits.service';

const ID_PARAM = new ParseUUIDPipe();

function responseOf(limits: RateLimits): RateLimitsResponse {
  return { rateLimits: limits.rateLimits, fetchedAt: limits.fetchedAt.toISOString() };
}

/** An account's use of eBay: the calls made through the proxy, and eBay's count of its quota. */
@ApiTags('ebay-proxy')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@Controller('ebay-accounts/:id')
export class AccountEbayUsageController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly calls: ApiCallRepository,
    private readonly recorder: ApiCallRecorder,
    private readonly rateLimits: EbayRateLimitsService,
  ) {}

  @Get('api-calls')
  @ApiUuidParam('id', 'The account’s id')
  @ApiOperation({
    summary: 'The calls made to eBay for the account through the proxy',
    description:
      'Newest first: who, method, path (query parameter names only), status, attempts, duration, bytes. Never a ' +
      'token, body or query value. A call shows at once on the replica that made it, on the others within 200 ms. ' +
      'Kept EBAY_API_CALLS_RETENTION_DAYS. Page by limit and offset (counted: total), ' +
      'or follow nextCursor with after= (not counted: total is null).',
  })
  @ApiOkResponse({ type: ApiCallsPage })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'The id is not a UUID, or invalid limit or offset; code invalid_cursor; code cursor_with_offset',
  })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such account in the caller’s organisation' })
  async apiCalls(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string, @Query() query: KeysetPageQuery): Promise<ApiCallsPage> {
    await this.accounts.get(user, id);
    // This replica's calls still waiting for their batch are shown too.
    await this.recorder.flush();
    return pageResponseOf(await this.calls.page(id, pageRequestOf(query)), (call) => ApiCallResponse.from(call));
  }

  @Get('rate-limits')
  @ApiUuidParam('id', 'The account’s id')
  @ApiOperation({
    summary: 'eBay’s call quotas as they stand for the account',
    description:
      'eBay’s Developer Analytics getUserRateLimits for the account (with its token): per API and resource the ' +
      'calls counted, the limit, what remains and when it resets. Kept 60 s.',
  })
  @ApiOkResponse({ type: RateLimitsResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID, or an invalid api_context or api_name' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such account in the caller’s organisation' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'code reauth_required: reconnect the account; code not_connected: disconnected' })
  @ApiBadGatewayResponse({ type: ErrorResponse, description: 'eBay refused the call or answered unreadably' })
  @ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'eBay is unavailable for now; see Retry-After' })
  async accountRateLimits(
    @CurrentUser() user: AuthUser,
    @Param('id', ID_PARAM) id: string,
    @Query() query: RateLimitsQuery,
  ): Promise<RateLimitsResponse> {
    const view = await this.accounts.get(user, id);
    return responseOf(await this.rateLimits.forAccount(view.account.id, query));
  }
}

/** The app's own quotas at eBay, for administrators. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@ApiForbiddenResponse({ type: ErrorResponse, description: 'The caller is not an administrator' })
@UseGuards(AdminGuard)
@Controller('admin/ebay')
export class AppEbayUsageController {
  constructor(private readonly rateLimits: EbayRateLimitsService) {}

  @Get('rate-limits')
  @ApiOperation({
    summary: 'eBay’s call quotas as they stand for the app (the keyset)',
    description: 'eBay’s Developer Analytics getRateLimits, with an application token. Kept 60 s.',
  })
  @ApiOkResponse({ type: RateLimitsResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'An invalid api_context or api_name' })
  @ApiBadGatewayResponse({ type: ErrorResponse, description: 'eBay refused the call or answered unreadably' })
  @ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'eBay is unavailable for now; see Retry-After' })
  async appRateLimits(@Query() query: RateLimitsQuery): Promise<RateLimitsResponse> {
    return responseOf(await this.rateLimits.forApp(query));
  }
}
