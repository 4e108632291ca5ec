import { IsOptional, Matches } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '../../common/openapi/openapi-decorators';

export class RateLimitsQuery {
  @ApiPropertyOptional({ enum: ['buy', 'sell', 'commerce', 'developer', 'tradingapi'], description: 'eBay’s api_context filter' })
  @IsOptional()
  @Matches(/^(buy|sell|commerce|developer|tradingapi)$/, { message: 'api_context must be one of buy, sell, commerce, developer, tradingapi' })
  api_context?: string;

  @ApiPropertyOptional({ example: 'fulfillment', description: 'eBay’s api_name filter (letters, digits, _ . -; at most 50)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,50}$/, { message: 'api_name must be 1–50 letters, digits, _ . or -' })
  api_name?: string;
}

export class RateLimitsResponse {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'eBay’s rateLimits as Developer Analytics answered: apiContext, apiName, apiVersion, resources[{name, rates[{count, limit, remaining, reset, timeWindow}]}]',
  })
  rateLimits!: unknown[];

  @ApiProperty({ format: 'date-time', description: 'When eBay answered; answers are kept 60 s' })
  fetchedAt!: string;
}
