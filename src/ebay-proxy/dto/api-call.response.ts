import { ApiProperty } from '../../common/openapi/openapi-decorators';
import type { RecordedApiCall } from '../api-call.repository';

/** One proxied call as the audit keeps it: never a token, a body or a query value. */
export class ApiCallResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who made it; null once that user was deleted' })
  userId!: string | null;

  @ApiProperty({ example: 'GET' })
  method!: string;

  @ApiProperty({ example: '/sell/fulfillment/v1/order?limit&offset', description: 'The eBay path, with the query’s parameter names only' })
  path!: string;

  @ApiProperty({ type: 'integer', description: 'eBay’s status, or the service’s own refusal (413, 429, 502, 504…)' })
  status!: number;

  @ApiProperty({ type: 'integer', description: 'Calls made to eBay (retries included); 0 when refused before eBay' })
  attempts!: number;

  @ApiProperty({ type: 'integer' })
  durationMs!: number;

  @ApiProperty({ type: 'integer', description: 'Request body bytes sent to eBay' })
  bytesIn!: number;

  @ApiProperty({ type: 'integer', description: 'Answer body bytes relayed from eBay' })
  bytesOut!: number;

  @ApiProperty({ format: 'date-time' })
  calledAt!: string;

  static from(call: RecordedApiCall): ApiCallResponse {
    return { ...call, calledAt: call.calledAt.toISOString() };
  }
}

export class ApiCallsPage {
  @ApiProperty({ type: [ApiCallResponse], description: 'Newest first' })
  items!: ApiCallResponse[];

  @ApiProperty({ type: 'integer', nullable: true, description: 'How many calls are kept in all; null on keyset pages (after=)' })
  total!: number | null;

  @ApiProperty({ type: 'integer' })
  limit!: number;

  @ApiProperty({ type: 'integer', description: 'The offset asked for; 0 on keyset pages' })
  offset!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Pass as after= for the next, older page; null on the last page' })
  nextCursor!: string | null;
}
