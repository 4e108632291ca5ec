import { Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type AuthUser, CurrentUser } from '../auth';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { ApiUuidParam } from '../common/http/api-uuid-param.decorator';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiDefaultResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiGatewayTimeoutResponse,
} from '../common/openapi/openapi-decorators';
import { EbayProxyService } from './ebay-proxy.service';
import { UPSTREAM_HEADER } from './proxy-headers';
import { ebayPathAndQueryOf } from './proxy-route';

const ID_PARAM = new ParseUUIDPipe();

const DESCRIPTION =
  'Calls eBay’s REST API at `path` (e.g. sell/fulfillment/v1/order?limit=50) for the account, with its token: ' +
  'the caller never holds one. Only paths under EBAY_PROXY_ALLOWED_PATHS go out (sell/, commerce/, buy/, ' +
  'post-order/, developer/analytics/ by default), to the eBay host that serves them; the token endpoint and ' +
  'Key Management never. Forwarded headers: accept, accept-language, content-language, content-type, if-match, ' +
  'if-none-match, x-ebay-c-marketplace-id (default: the account’s marketplace), x-ebay-c-enduserctx. A 401 ' +
  'from eBay is met with one refresh and one retry; a 429 on GET with Retry-After up to ' +
  'EBAY_PROXY_MAX_RETRY_WAIT_MS is waited out once; 5xx and lost connections on GET, PUT and DELETE are tried up ' +
  'to twice more, never on POST or PATCH. eBay’s answer comes back as eBay sent it (status, body, its headers, ' +
  `with ${UPSTREAM_HEADER}: ebay); the service’s own refusals are its JSON error body, without that header. ` +
  'Request bodies up to EBAY_PROXY_MAX_BODY_BYTES.';

/** The eBay API proxy: one route per method, each documented the same way. */
@ApiTags('ebay-proxy')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@Controller('ebay-accounts/:id/ebay')
export class EbayProxyController {
  constructor(private readonly proxy: EbayProxyService) {}

  @Get('*path')
  @ProxyDocs('GET')
  get(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.pass(user, id, request, response);
  }

  @Post('*path')
  @ProxyDocs('POST')
  post(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.pass(user, id, request, response);
  }

  @Put('*path')
  @ProxyDocs('PUT')
  put(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.pass(user, id, request, response);
  }

  @Patch('*path')
  @ProxyDocs('PATCH')
  patch(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.pass(user, id, request, response);
  }

  @Delete('*path')
  @ProxyDocs('DELETE')
  delete(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.pass(user, id, request, response);
  }

  private pass(user: AuthUser, id: string, request: Request, response: Response): Promise<void> {
    return this.proxy.proxy({ user, accountId: id, ebayPathAndQuery: ebayPathAndQueryOf(request.originalUrl), request, response });
  }
}

/** The same documents on each method's route. */
function ProxyDocs(method: string): MethodDecorator {
  const decorators: MethodDecorator[] = [
    ApiUuidParam('id', 'The account’s id'),
    ApiParam({ name: 'path', type: String, description: 'The eBay path, e.g. sell/fulfillment/v1/order' }),
    ApiOperation({ summary: `${method} an eBay REST API for the account`, description: DESCRIPTION }),
    ApiOkResponse({ description: 'eBay’s answer, as eBay sent it (any content type)' }),
    ApiDefaultResponse({ description: 'eBay’s answer with another status, as eBay sent it' }),
    ApiBadRequestResponse({
      type: ErrorResponse,
      description: 'The service’s: code unsafe_path (.., encoded slashes, @, URLs, control characters), or the id is not a UUID',
    }),
    ApiForbiddenResponse({ type: ErrorResponse, description: 'The service’s: code path_not_allowed (outside EBAY_PROXY_ALLOWED_PATHS, the token endpoint, Key Management)' }),
    ApiNotFoundResponse({ type: ErrorResponse, description: 'The service’s: no such account in the caller’s organisation' }),
    ApiConflictResponse({
      type: ErrorResponse,
      description: 'The service’s, eBay not called: reauth_required (reconnect), not_connected, ebay_account_deleted',
    }),
    ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'The service’s: code body_too_large (EBAY_PROXY_MAX_BODY_BYTES)' }),
    ApiTooManyRequestsResponse({
      type: ErrorResponse,
      description: 'The service’s: code too_many_concurrent_calls (EBAY_PROXY_MAX_CONCURRENT_PER_ACCOUNT), Retry-After: 1; or eBay’s own 429',
    }),
    ApiBadGatewayResponse({ type: ErrorResponse, description: 'The service’s: code ebay_unreachable; or eBay’s own 502' }),
    ApiGatewayTimeoutResponse({ type: ErrorResponse, description: 'The service’s: code ebay_timeout (EBAY_PROXY_TIMEOUT_MS); or eBay’s own 504' }),
  ];
  return (target, key, descriptor) => {
    for (const decorator of decorators) decorator(target, key, descriptor);
  };
}
