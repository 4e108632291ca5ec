import { Controller, Get, Headers, HttpCode, HttpStatus, Post, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '../common/openapi/openapi-decorators';
import type { Request } from 'express';
import { Public } from '../auth';
import { ErrorResponse } from '../common/errors/error-response.dto';
import type { WithRawBody } from '../common/http/raw-body';
import { AccountDeletionService } from './account-deletion.service';
import { DeletionEndpointGuard } from './deletion-endpoint.guard';
import { AccountDeletionNotificationBody } from './dto/account-deletion-notification.body';
import { ChallengeQuery, ChallengeResponse } from './dto/challenge.dto';

/** Under the /api prefix; create-app.ts keeps the raw body of this path's POSTs for the signature. */
export const ACCOUNT_DELETION_PATH = 'ebay/notifications/account-deletion';

const NOT_CONFIGURED = 'code account_deletion_not_configured: EBAY_DELETION_VERIFICATION_TOKEN and EBAY_DELETION_ENDPOINT_URL are unset';

/** eBay's Marketplace Account Deletion endpoint: public, eBay calls it (README). */
@ApiTags('account-deletion')
@Public()
@UseGuards(DeletionEndpointGuard)
@Controller(ACCOUNT_DELETION_PATH)
export class AccountDeletionController {
  constructor(private readonly deletions: AccountDeletionService) {}

  @Get()
  @ApiOperation({
    summary: 'eBay’s endpoint check (Marketplace Account Deletion)',
    description: 'eBay calls this when the endpoint is saved in its developer portal. Public.',
  })
  @ApiOkResponse({ type: ChallengeResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'challenge_code missing, empty, longer than 512 characters, or another parameter' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: NOT_CONFIGURED })
  challenge(@Query() query: ChallengeQuery): ChallengeResponse {
    return { challengeResponse: this.deletions.challengeResponse(query.challenge_code) };
  }

  @Post()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'A Marketplace Account Deletion notification from eBay',
    description:
      'Public; eBay signs it. Once the signature verifies, every organisation’s account of that eBay user is erased ' +
      '(tokens wiped, username gone, marked deleted, its synced orders and transactions deleted), and the user ' +
      'as a buyer is removed from every stored order and transaction (username, buyer, shipping address), in one ' +
      'transaction with an audit row. The same notification again, and a user of whom nothing is held, answer 204 ' +
      'and change nothing.',
  })
  @ApiHeader({ name: 'X-EBAY-SIGNATURE', required: true, description: 'base64 JSON {alg: ecdsa, kid, signature, digest: SHA1}' })
  @ApiBody({ type: AccountDeletionNotificationBody })
  @ApiNoContentResponse({ description: 'Verified and applied (or nothing to do)' })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description:
      'Verified, but code unsupported_topic: not MARKETPLACE_ACCOUNT_DELETION; code invalid_notification: no ' +
      'notification.notificationId or notification.data.userId',
  })
  @ApiNotFoundResponse({ type: ErrorResponse, description: NOT_CONFIGURED })
  @ApiPreconditionFailedResponse({
    type: ErrorResponse,
    description: 'code signature_invalid: X-EBAY-SIGNATURE missing or malformed, an unknown kid, or a body it does not sign; nothing is deleted',
  })
  @ApiBadGatewayResponse({ type: ErrorResponse, description: 'eBay refused our application token or sent an unreadable key; eBay resends' })
  @ApiServiceUnavailableResponse({
    type: ErrorResponse,
    description: 'eBay’s Notification API is unavailable, or code signing_key_lookups_exhausted: too many unknown kids just now; eBay resends',
  })
  async notify(@Req() request: WithRawBody<Request>, @Headers('x-ebay-signature') signatureHeader: string | undefined): Promise<void> {
    await this.deletions.handle({ rawBody: request.rawBody ?? Buffer.alloc(0), body: request.body as unknown, signatureHeader });
  }
}
