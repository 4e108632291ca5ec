import { Body, Controller, Get, HttpStatus, Logger, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
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
import {
  BINDING_COOKIE,
  BINDING_COOKIE_MAX_AGE_MS,
  BINDING_COOKIE_PATH,
  bindingSecretOf,
  CONSOLE_CALLBACK_PATH,
  newBindingSecret,
} from './browser-binding';
import { BrowserConnectBody, BrowserConnectResponse, ConnectQuery, ConnectResponse } from './dto/connect.dto';
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

  @Post('connect/browser')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Start connecting an eBay account from a browser (the console), bound to that browser',
    description:
      'As GET /api/ebay/connect, with the options in a JSON body, for a page running in the browser that will ' +
      'consent. The answer sets an HttpOnly, SameSite=Lax cookie (ebay_connect_browser, path /api/ebay) whose ' +
      'secret the state is bound to (RFC 9700): send the browser to redirectUrl, which goes on to eBay only with ' +
      'that cookie, and the callback completes the connect only with it, then returns the browser to the ' +
      'console’s /connect/callback (or EBAY_CONNECT_RETURN_URL) with status=connected&accountId=… or ' +
      'status=error&reason=…. A consent link opened in another browser is refused (reason browser_mismatch).',
  })
  @ApiCreatedResponse({ type: BrowserConnectResponse, headers: { 'Set-Cookie': { description: 'The binding cookie', schema: { type: 'string' } } } })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'Invalid houseName (length, characters, mixed scripts), purpose, marketplaceId or prompt',
  })
  @ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'code house_name_taken: an active account of the organisation has this houseName; no state is issued',
  })
  async connectInBrowser(
    @CurrentUser() user: AuthUser,
    @Body() body: BrowserConnectBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BrowserConnectResponse> {
    // One secret per browser: connects started side by side in two tabs both complete.
    const secret = bindingSecretOf(request) ?? newBindingSecret();
    const started = await this.connects.startInBrowser(user.id, body, secret);
    response.cookie(BINDING_COOKIE, secret, {
      httpOnly: true,
      sameSite: 'lax',
      path: BINDING_COOKIE_PATH,
      maxAge: BINDING_COOKIE_MAX_AGE_MS,
      // Behind TLS (TRUST_PROXY_HOPS makes a proxy's https count); a plain-http localhost keeps it.
      secure: request.secure,
    });
    return { redirectUrl: started.redirectPath, state: started.state, expiresAt: started.expiresAt.toISOString() };
  }

  @Public()
  @Get('connect/redirect')
  @ApiSecurity({})
  @ApiOperation({
    summary: 'Send a console’s browser on to eBay’s consent page',
    description:
      'Public: the state and the browser’s binding cookie are the credentials. Redirects to eBay’s consent page, ' +
      'or, when the state is unknown, used, expired or was started in another browser, back to the console’s ' +
      '/connect/callback (or EBAY_CONNECT_RETURN_URL) with status=error&reason=<code>. Nothing is consumed here.',
  })
  @ApiQuery({ name: 'state', type: String, required: true, description: 'The state POST /api/ebay/connect/browser issued' })
  @ApiFoundResponse({ description: 'To eBay’s consent page, or back to the console with the reason it cannot go' })
  async redirectToEbay(@Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    const state = typeof query.state === 'string' ? query.state : undefined;
    try {
      response.redirect(HttpStatus.FOUND, await this.connects.consentUrlFor(state, bindingSecretOf(request)));
    } catch (error) {
      if (!(error instanceof DomainError)) this.logger.error(error, 'The connect redirect failed');
      response.redirect(HttpStatus.FOUND, this.returnUrlWith(CONSOLE_CALLBACK_PATH, { status: 'error', reason: reasonOf(error) }));
    }
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
      'EBAY_CONNECT_RETURN_URL set, redirects there with status=connected&accountId=… or status=error&reason=…. ' +
      'A state started by POST /api/ebay/connect/browser completes only with that browser’s binding cookie ' +
      '(else reason browser_mismatch, the state left unused) and returns the browser to the console’s ' +
      '/connect/callback unless EBAY_CONNECT_RETURN_URL is set.',
  })
  @ApiQuery({ name: 'code', type: String, required: false, description: 'The authorization code, URL-encoded once' })
  @ApiQuery({ name: 'state', type: String, required: true, description: 'The state GET /api/ebay/connect issued' })
  @ApiQuery({ name: 'expires_in', type: String, required: false, description: 'Seconds the code lives (eBay sends 299)' })
  @ApiQuery({ name: 'isAuthSuccessful', type: String, required: false, description: '`false` when the user declined' })
  @ApiQuery({ name: 'error', type: String, required: false, description: '`access_denied` when the user declined' })
  @ApiOkResponse({ type: AccountResponse, description: 'Connected (or reconnected)' })
  @ApiFoundResponse({ description: 'With EBAY_CONNECT_RETURN_URL, or for a console’s connect: the browser goes back to the frontend' })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'Missing, unknown, expired, used or another user’s state; declined; no code (an API client’s connect)',
  })
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
    const params = callbackParams(query);
    // A console's connect goes back to the console; an API client's as configured (JSON by default).
    const consoleFlow = (await this.connects.isBrowserBound(params.state)) === true;
    const returnUrl = this.config.connectReturnUrl ?? (consoleFlow ? CONSOLE_CALLBACK_PATH : undefined);
    try {
      const view = await this.connects.complete(params, request.user?.id, bindingSecretOf(request));
      if (returnUrl === undefined) return AccountResponse.from(view);
      response.redirect(HttpStatus.FOUND, this.returnUrlWith(returnUrl, { status: 'connected', accountId: view.account.id }));
      return undefined;
    } catch (error) {
      if (returnUrl === undefined) throw error;
      // The browser is on its way back to the frontend: it goes there whatever went wrong.
      if (!(error instanceof DomainError)) this.logger.error(error, 'The OAuth callback failed');
      // Only ever to the configured URL or the console's own page, whatever the request says.
      response.redirect(HttpStatus.FOUND, this.returnUrlWith(returnUrl, { status: 'error', reason: reasonOf(error) }));
      return undefined;
    }
  }

  /** EBAY_CONNECT_RETURN_URL when set, else `fallback` (a path on this service), with the outcome. */
  private returnUrlWith(fallback: string, params: Record<string, string>): string {
    return withQuery(this.config.connectReturnUrl ?? fallback, params);
  }
}

function reasonOf(error: unknown): string {
  return error instanceof DomainError ? (error.code ?? error.kind) : 'internal_error';
}

/** Only single string values count; repeated or nested parameters are ignored. */
function callbackParams(query: Record<string, unknown>): CallbackParams {
  const text = (name: string): string | undefined => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
  return { code: text('code'), state: text('state'), isAuthSuccessful: text('isAuthSuccessful'), error: text('error') };
}

/** `base` (absolute, or a path on this service) with `params` set on its query. */
function withQuery(base: string, params: Record<string, string>): string {
  const isPath = base.startsWith('/');
  const url = new URL(base, 'http://service.invalid');
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return isPath ? `${url.pathname}${url.search}` : url.toString();
}
