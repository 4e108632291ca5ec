import { ArrayMaxSize, ArrayUnique, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '../../../common/openapi/openapi-decorators';
import { IsOptionalNotNull } from '../../../common/validation/is-optional-not-null.decorator';
import { EVENT_TYPES, type EventType } from '../../event-types';
import { MAX_WEBHOOK_URL_LENGTH } from '../target-address';

const URL_DESCRIPTION =
  'Where deliveries are POSTed: https, with a host whose every address is public (no loopback, private, ' +
  'link-local, CGNAT, unique-local, multicast or IPv4-mapped address), unless WEBHOOK_ALLOW_INSECURE_TARGETS=true';
const TYPES_DESCRIPTION = 'The event types to deliver; empty or absent: every type';

export class CreateWebhookEndpointRequest {
  @ApiProperty({ description: URL_DESCRIPTION, maxLength: MAX_WEBHOOK_URL_LENGTH, example: 'https://frontend.example.com/hooks/ebay' })
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url!: string;

  @ApiPropertyOptional({ enum: EVENT_TYPES, isArray: true, description: TYPES_DESCRIPTION })
  @IsOptional()
  @ArrayMaxSize(EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(EVENT_TYPES, { each: true })
  eventTypes?: EventType[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookEndpointRequest {
  @ApiPropertyOptional({ description: URL_DESCRIPTION, maxLength: MAX_WEBHOOK_URL_LENGTH })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url?: string;

  @ApiPropertyOptional({ enum: EVENT_TYPES, isArray: true, description: TYPES_DESCRIPTION })
  @IsOptionalNotNull()
  @ArrayMaxSize(EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(EVENT_TYPES, { each: true })
  eventTypes?: EventType[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ description: 'true also clears why it was disabled (a 410, days of failures); false stops deliveries' })
  @IsOptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}
