import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiBadGatewayResponse,
} from '../common/openapi/openapi-decorators';
import { type AuthUser, CurrentUser } from '../auth';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { ApiUuidParam } from '../common/http/api-uuid-param.decorator';
import { pageRequestOf } from '../common/paging/page-request';
import { pageResponseOf } from '../common/paging/page-response';
import { AccountsService, FORCED_REFRESH_LIMIT } from './accounts.service';
import { AccountResponse, AccountsPage } from './dto/account.response';
import { ListAccountsQuery, UpdateAccountRequest } from './dto/account-requests.dto';
import { TokenSummaryResponse } from './dto/token-summary.response';

const ID_PARAM = new ParseUUIDPipe();

@ApiTags('ebay-accounts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@Controller('ebay-accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({
    summary: 'List eBay accounts',
    description:
      'The caller’s organisation’s accounts, oldest first; administrators may pass orgId or all=true. ' +
      'Page by limit and offset (counted: total), or follow nextCursor with after= (not counted: total is null), ' +
      'which stays fast however deep the page.',
  })
  @ApiOkResponse({ type: AccountsPage })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description:
      'Invalid limit, offset, orgId or all; code invalid_cursor: after is not a nextCursor this service ' +
      'handed out; code cursor_with_offset: after with a non-zero offset',
  })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'orgId or all from a non-administrator' })
  async list(@CurrentUser() user: AuthUser, @Query() query: ListAccountsQuery): Promise<AccountsPage> {
    const page = await this.accounts.list(user, { orgId: query.orgId, all: query.all }, pageRequestOf(query));
    return pageResponseOf(page, (view) => AccountResponse.from(view));
  }

  @Get(':id')
  @ApiUuidParam('id', 'The account’s id')
  @ApiOperation({ summary: 'One eBay account' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such account in the caller’s organisation' })
  async get(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string): Promise<AccountResponse> {
    return AccountResponse.from(await this.accounts.get(user, id));
  }

  @Patch(':id')
  @ApiUuidParam('id', 'The account’s id')
  @ApiOperation({ summary: 'Rename an account or change its purpose or marketplace' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid id or body (a houseName mixing scripts, …)' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such account in the caller’s organisation' })
  @ApiConflictResponse({
    type: ErrorResponse,
    description:
      'code house_name_taken: another active account has this houseName, ignoring case and compatibility forms; ' +
      'code ebay_account_deleted: eBay reported the eBay account deleted',
  })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ID_PARAM) id: string,
    @Body() body: UpdateAccountRequest,
  ): Promise<AccountResponse> {
    return AccountResponse.from(await this.accounts.update(user, id, body));
  }

  @Delete(':id')
  @ApiUuidParam('id', 'The account’s id')
  @ApiOperation({
    summary: 'Disconnect an account',
    description: 'The account becomes inactive and its tokens are wiped; its history stays. Connect again to reactivate it.',
  })
  @ApiOkResponse({ type: AccountResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such account in the caller’s organisation' })
  async disconnect(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string): Promise<AccountResponse> {
    return AccountResponse.from(await this.accounts.disconnect(user, id));
  }

  @Post(':id/refresh-token')
  @ApiUuidParam('id', 'The account’s id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Refresh this account’s access token now' })
  @ApiOkResponse({ type: TokenSummaryResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such account in the caller’s organisation' })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'code reauth_required: eBay refused the refresh token, reconnect; code not_connected: disconnected',
  })
  @ApiTooManyRequestsResponse({
    type: ErrorResponse,
    description: `code refresh_rate_limited: more than ${FORCED_REFRESH_LIMIT.limit} forced refreshes of this account within a minute; see Retry-After`,
  })
  @ApiBadGatewayResponse({ type: ErrorResponse, description: 'eBay refused the request (its error code in `code`)' })
  @ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'eBay is unavailable for now; see Retry-After' })
  async refresh(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string): Promise<TokenSummaryResponse> {
    return TokenSummaryResponse.from(await this.accounts.forceRefresh(user, id));
  }
}
