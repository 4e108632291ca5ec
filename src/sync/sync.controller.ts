import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, type PipeTransform, Post } from '@nestjs/common';
import { type AuthUser, CurrentUser } from '../auth';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { ApiUuidParam } from '../common/http/api-uuid-param.decorator';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '../common/openapi/openapi-decorators';
import { SyncRunResponse } from './dto/sync-run.response';
import { SyncStatusResponse } from './dto/sync-status.response';
import { isSyncResource, SYNC_RESOURCES, type SyncResource } from './sync-resource';
import { UnknownSyncResourceError } from './sync-run.errors';
import { SyncService } from './sync.service';

const ID_PARAM = new ParseUUIDPipe();

/** `:resource` is orders or transactions, or 400. */
class SyncResourcePipe implements PipeTransform<string, SyncResource> {
  transform(value: string): SyncResource {
    if (!isSyncResource(value)) throw new UnknownSyncResourceError(SYNC_RESOURCES);
    return value;
  }
}

/** One account's sync: run it now, and see each resource's cursor. */
@ApiTags('ebay-accounts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@Controller('ebay-accounts/:id/sync')
export class SyncController {
  constructor(private readonly sync: SyncService) {}

  @Get()
  @ApiUuidParam('id', 'The account’s id')
  @ApiOperation({
    summary: 'The account’s sync state',
    description:
      'Each resource’s cursor: its checkpoint, a run that stopped part way, whether a run holds it now (on any ' +
      'replica) and its progress, the last run, the last error, and why the periodic sync passed it by.',
  })
  @ApiOkResponse({ type: SyncStatusResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such account in the caller’s organisation' })
  async status(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string): Promise<SyncStatusResponse> {
    return this.sync.status(user, id);
  }

  @Post(':resource')
  @HttpCode(HttpStatus.OK)
  @ApiUuidParam('id', 'The account’s id')
  @ApiParam({ name: 'resource', enum: SYNC_RESOURCES, description: 'orders (Fulfillment) or transactions (Finances)' })
  @ApiOperation({
    summary: 'Sync one resource of the account now',
    description:
      'Reads from eBay what changed since the checkpoint (less SYNC_OVERLAP_SECONDS; the first run reaches back ' +
      'SYNC_BACKFILL_DAYS) and stores it, then answers what it did. eBay finds transactions by booking date only, so ' +
      'a transactions run also reaches back to the oldest stored transaction whose status is not final yet ' +
      '(FUNDS_ON_HOLD, FUNDS_PROCESSING, FUNDS_AVAILABLE_FOR_PAYOUT; at most SYNC_BACKFILL_DAYS back) and stores its new ' +
      'status; the pages this adds are in ebayCalls. Every page is stored as it arrives: if the run ' +
      'fails, what it stored stays and the next run carries on from there. A very large backfill stops after 500 ' +
      'pages with complete false. Only one run per account and resource at a time, across replicas.',
  })
  @ApiOkResponse({ type: SyncRunResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID; code unknown_resource: not orders or transactions' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such account in the caller’s organisation' })
  @ApiConflictResponse({
    type: ErrorResponse,
    description:
      'eBay was not called. code sync_running: a run holds this resource (details.startedAt says since when); ' +
      'reauth_required: eBay refuses the account’s grant, reconnect; not_connected: disconnected; ' +
      'ebay_account_deleted: eBay reported the eBay account deleted; not_selling: a BUYING account',
  })
  @ApiBadGatewayResponse({
    type: ErrorResponse,
    description: 'eBay refused a page or answered one unreadably (its error code in `code`); what was stored stays',
  })
  @ApiServiceUnavailableResponse({
    type: ErrorResponse,
    description: 'eBay is unavailable for now (after retries); see Retry-After. What was stored stays',
  })
  async run(
    @CurrentUser() user: AuthUser,
    @Param('id', ID_PARAM) id: string,
    @Param('resource', new SyncResourcePipe()) resource: SyncResource,
  ): Promise<SyncRunResponse> {
    return SyncRunResponse.from(await this.sync.runNow(user, id, resource));
  }
}
