import { ApiProperty } from '../../common/openapi/openapi-decorators';
import type { HealthCheckResult } from '../account-health-checker';
import type { EbayHealthEvent } from '../entities/ebay-health-event.entity';

const ERROR_CODE_DESCRIPTION =
  'Why it is unhealthy: reauth_required (eBay refused the refresh token: reconnect), not_connected, ' +
  'ebay_account_deleted, ebay_unavailable (the token could not be refreshed right now), eBay’s ebay_error_<errorId>, ' +
  'ebay_http_<status>, ebay_unreachable, ebay_malformed_response; null when healthy';

/** The outcome of a live check (Identity getUser through the authorized client). */
export class LiveCheckResponse {
  @ApiProperty()
  isHealthy!: boolean;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 200,
    description: 'What eBay’s Identity API answered (after the client’s retries); null when it was not reached',
  })
  httpStatus!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'reauth_required', description: ERROR_CODE_DESCRIPTION })
  errorCode!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'What went wrong, in words (never a token)' })
  errorMessage!: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 182,
    description: 'How long the check took: the call, its retries and any token refresh; null when nothing was called',
  })
  responseTimeMs!: number | null;

  @ApiProperty({ format: 'date-time', description: 'When the check began' })
  checkedAt!: string;

  static from(result: HealthCheckResult): LiveCheckResponse {
    return {
      isHealthy: result.isHealthy,
      httpStatus: result.httpStatus,
      errorCode: result.errorCode,
      errorMessage: result.errorMessage,
      responseTimeMs: result.responseTimeMs,
      checkedAt: result.checkedAt.toISOString(),
    };
  }
}

/** One recorded check of an account: a live check through the API, or one of the periodic rounds. */
export class HealthEventResponse extends LiveCheckResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  static fromEvent(event: EbayHealthEvent): HealthEventResponse {
    return { id: event.id, ...LiveCheckResponse.from(event) };
  }
}

export class HealthEventsPage {
  @ApiProperty({ type: [HealthEventResponse], description: 'Newest first' })
  items!: HealthEventResponse[];

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'How many events the account has in all; null on keyset pages (after=): they skip the count',
  })
  total!: number | null;

  @ApiProperty({ type: 'integer' })
  limit!: number;

  @ApiProperty({ type: 'integer', description: 'The offset asked for; 0 on keyset pages' })
  offset!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as after= for the next (older) page; null on the last page',
  })
  nextCursor!: string | null;
}
