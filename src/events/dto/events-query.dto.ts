import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '../../common/openapi/openapi-decorators';
import { EVENT_TYPES, type EventType } from '../event-types';

export const EVENTS_PAGE_LIMIT = 500;
const EVENT_ID_PATTERN = /^evt_\d{19}$/;

/** `a,b` or repeated `types=a&types=b`, as a list; anything else stays as sent for the validator to name. */
function toTypeList({ value }: { value: unknown }): unknown {
  const parts = Array.isArray(value) ? value : typeof value === 'string' ? [value] : value;
  if (!Array.isArray(parts) || parts.some((part) => typeof part !== 'string')) return value;
  return (parts as string[]).flatMap((part) => part.split(',')).map((part) => part.trim()).filter((part) => part !== '');
}

/** Which events: the stream's query, and the list's with after and limit. */
export class EventFilterQuery {
  @ApiPropertyOptional({
    description: 'Only these types, comma-separated',
    type: String,
    example: 'account.reauth_required,account.recovered',
  })
  @IsOptional()
  @Transform(toTypeList)
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true, message: `each of types must be one of: ${EVENT_TYPES.join(', ')}` })
  types?: EventType[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this account’s events' })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Administrators only: one organisation’s events (and those for every organisation)' })
  @IsOptional()
  @IsUUID()
  orgId?: string;
}

export class EventsQuery extends EventFilterQuery {
  @ApiPropertyOptional({
    description: 'Only events after this id (the last one a client has); without it, from the oldest kept',
    example: 'evt_0000000000000000042',
  })
  @IsOptional()
  @Matches(EVENT_ID_PATTERN, { message: 'after must be an event id (evt_ and 19 digits)' })
  after?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: EVENTS_PAGE_LIMIT, default: 100 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(EVENTS_PAGE_LIMIT)
  limit?: number;
}
