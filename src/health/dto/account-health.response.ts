import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '../../common/openapi/openapi-decorators';
import { ACCOUNT_STATUSES, type AccountStatus } from '../../accounts';
import type { AccountHealth } from '../account-health.service';
import { HealthEventResponse, LiveCheckResponse } from './health-event.response';

/**
 * An event, or null. OpenAPI 3.0's `nullable` beside a `$ref` (in allOf) does not admit null
 * (3.0.3 says so, and so do validators), so null is an alternative of its own.
 */
const EVENT_OR_NULL = {
  anyOf: [{ $ref: getSchemaPath(HealthEventResponse) }, { type: 'object', nullable: true, enum: [null] }],
};

/** An account's health: its tokens' state, the last recorded check and, asked for, a live one. */
@ApiExtraModels(HealthEventResponse)
export class AccountHealthResponse {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ enum: ACCOUNT_STATUSES, description: 'As on the account: active, reauth_required, disconnected, deleted' })
  status!: AccountStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the access token expires' })
  tokenExpiresAt!: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Seconds the access token has left (0 once expired; the service refreshes it when next used)',
  })
  expiresInSeconds!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastRefreshedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the last refresh failed, if it did' })
  refreshError!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the refresh token (the consent, about 18 months) runs out',
  })
  refreshTokenExpiresAt!: string | null;

  @ApiProperty({ description: 'The refresh token runs out within 30 days: the owner should reconnect' })
  reconnectSoon!: boolean;

  @ApiProperty({
    ...EVENT_OR_NULL,
    description: 'The latest recorded check (a live one just made, when it was recorded); null if never checked',
  })
  lastCheck!: HealthEventResponse | null;

  @ApiPropertyOptional({ type: LiveCheckResponse, description: 'Only with live=true: what eBay answered just now' })
  live?: LiveCheckResponse;

  static from(health: AccountHealth): AccountHealthResponse {
    return {
      accountId: health.accountId,
      status: health.status,
      tokenExpiresAt: health.tokenExpiresAt?.toISOString() ?? null,
      expiresInSeconds: health.expiresInSeconds,
      lastRefreshedAt: health.lastRefreshedAt?.toISOString() ?? null,
      refreshError: health.refreshError,
      refreshTokenExpiresAt: health.refreshTokenExpiresAt?.toISOString() ?? null,
      reconnectSoon: health.reconnectSoon,
      lastCheck: health.lastCheck === null ? null : HealthEventResponse.fromEvent(health.lastCheck),
      ...(health.live === undefined ? {} : { live: LiveCheckResponse.from(health.live) }),
    };
  }
}
