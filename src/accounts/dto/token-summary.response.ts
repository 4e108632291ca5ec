import { ApiProperty } from '../../common/openapi/openapi-decorators';
import type { TokenSummary } from '../../tokens';

/** The state of an account's tokens. Token values are never shown. */
export class TokenSummaryResponse {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the access token expires' })
  expiresAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastRefreshedAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the refresh token (the consent, about 18 months) runs out',
  })
  refreshTokenExpiresAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the last refresh failed, if it did' })
  refreshError!: string | null;

  @ApiProperty({ description: 'Consecutive failed refreshes' })
  refreshFailures!: number;

  @ApiProperty({ description: 'The refresh token runs out within 30 days: the owner should reconnect' })
  reconnectSoon!: boolean;

  static from(summary: TokenSummary | undefined): TokenSummaryResponse {
    return {
      expiresAt: summary?.expiresAt?.toISOString() ?? null,
      lastRefreshedAt: summary?.lastRefreshedAt?.toISOString() ?? null,
      refreshTokenExpiresAt: summary?.refreshTokenExpiresAt?.toISOString() ?? null,
      refreshError: summary?.refreshError ?? null,
      refreshFailures: summary?.refreshFailures ?? 0,
      reconnectSoon: summary?.reconnectSoon ?? false,
    };
  }
}
