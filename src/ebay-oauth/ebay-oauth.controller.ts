import { Controller, Get, HttpStatus, Logger, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '../common/openapi/openapi-decorators';
import type { Request, Response } from 'express';
import { AccountResponse } from '../accounts';
import { type AuthUser, CurrentUser, OptionalJwtAuthGuard, Public } from '../auth';
import { DomainError } from '../common/errors/domain.error';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { EbayConfig } from '../config/configuration';
import { ConnectQuery, ConnectResponse } from './dto/connect.dto';
import { type CallbackParams, EbayConnectService } from './ebay-connect.service';

@ApiTags('ebay-oauth')
@Controller('ebay')
export class EbayOAuthController {
  private readonly logger = new Logger('EbayOAuth');

  constructor(
    private readonly connects: EbayConnectService,
    private readonly config: EbayConfig,
  ) {}

  @Get('connect')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Start connecting an eBay account',
    description: 'Answers the URL of eBay’s consent page. After consent eBay sends the browser to /api/ebay/callback.',
  })
  @ApiOkResponse({ type: ConnectResponse })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'Invalid houseName (length, characters, mixed scripts), purpose, marketplaceId or prompt',
  })
  @ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
  @ApiConflictResponse({
    type: ErrorResponse,
    description:
      'code house_name_taken: an active account of the organisation has this houseName (ignoring case and ' +
      'compatibility forms); no state is issued. To reconnect that account, connect without houseName',
  })
  async connect(@CurrentUser() user: AuthUser, @Query() query: ConnectQuery): Promise<ConnectResponse> {
    const started = await this.connects.start(user.id, query);
    return { ...started, expiresAt: started.expiresAt.toISOString() };
  }

  @Public()
  @Get('callback')
  @UseGuards(OptionalJwtAuthGuard)
  // Optional: no requirement ({}) or a bearer JWT.
  @ApiSecurity({})
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'eBay’s redirect after consent (the RuName’s accept and decline URL)',
    description:
      'Public: the state is the credential. A JWT, if sent, must be the state’s user. Answers the account, or with ' +
      'EBAY_CONNECT_RETURN_URL set, redirects there with status=connected&accountId=… or status=error&reason=….',
  })
  @ApiQuery({ name: 'code', type: String, required: false, description: 'The authorization code, URL-encoded once' })
  @ApiQuery({ name: 'state', type: String, required: true, description: 'The state GET /api/ebay/connect issued' })
  @ApiQuery({ name: 'expires_in', type: String, required: false, description: 'Seconds the code lives (eBay sends 299)' })
  @ApiQuery({ name: 'isAuthSuccessful', type: String, required: false, description: '`false` when the user declined' })
  @ApiQuery({ name: 'error', type: String, required: false, description: '`access_denied` when the user declined' })
  @ApiOkResponse({ type: AccountResponse, description: 'Connected (or reconnected)' })
  @ApiFoundResponse({ description: 'With EBAY_CONNECT_RETURN_URL: the browser goes back to the frontend' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Missing, unknown, expired, used or another user’s state; declined; no code' })
  @ApiUnauthorizedResponse({ type: ErrorResponse, description: 'A JWT was sent and is invalid' })
  @ApiConflictResponse({
    type: ErrorResponse,
    description:
      'code house_name_taken: another active account has the houseName (one that connected meanwhile, or the ' +
      'default Account-<username>); code connect_in_progress: this eBay account is being connected meanwhile; ' +
      'code ebay_account_deleted: eBay reported this eBay account deleted, so the organisation cannot connect it again',
  })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'code user_inactive: the user who started the connect was deactivated' })
  @ApiBadGatewayResponse({ type: ErrorResponse, description: 'eBay refused the code or failed; eBay’s error in `code`' })
  @ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'eBay is unavailable for now; see Retry-After' })
  async callback(
    @Query() query: Record<string, unknown>,
    @Req() request: Request & { user?: AuthUser },
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccountResponse | undefined> {
    const returnUrl = this.config.connectReturnUrl;
    try {
      const view = await this.connects.complete(callbackParams(query), request.user?.id);
      if (returnUrl === undefined) return AccountResponse.from(view);
      response.redirect(HttpStatus.FOUND, withQuery(returnUrl, { status: 'connected', accountId: view.account.id }));
      return undefined;
    } catch (error) {
      if (returnUrl === undefined) throw error;
      // The browser is on its way back to the frontend: it goes there whatever went wrong.
      if (!(error instanceof DomainError)) this.logger.error(error, 'The OAuth callback failed');
      const reason = error instanceof DomainError ? (error.code ?? error.kind) : 'internal_error';
      // Only ever to the configured URL, whatever the request says.
      response.redirect(HttpStatus.FOUND, withQuery(returnUrl, { status: 'error', reason }));
      return undefined;
    }
  }
}

/** Only single string values count; repeated or nested parameters are ignored. */
function callbackParams(query: Record<string, unknown>): CallbackParams {
  const text = (name: string): string | undefined => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
  return { code: text('code'), state: text('state'), isAuthSuccessful: text('isAuthSuccessful'), error: text('error') };
}

function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
