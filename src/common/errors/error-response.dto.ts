import { ApiProperty, ApiPropertyOptional } from '../openapi/openapi-decorators';

/** The body of every error the API answers, whatever went wrong. */
export class ErrorResponse {
  @ApiProperty({ example: 404, description: 'The HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({ example: 'Not Found', description: 'The HTTP reason phrase' })
  error!: string;

  @ApiProperty({ example: 'eBay account not found', description: 'What went wrong, for people' })
  message!: string;

  @ApiProperty({
    example: '6f1c2f0e-2b7d-4f0e-9a51-0d4f1f6b1c2a',
    description: 'Also in the X-Request-Id header and in every log line of the request',
  })
  requestId!: string;

  @ApiPropertyOptional({ example: 'reauth_required', description: 'A stable machine-readable reason' })
  code?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    example: { startedAt: '2026-12-07T10:00:00.000Z' },
    description: 'Facts about the refusal a client may act on; which ones depends on `code`',
  })
  details?: Record<string, string | number>;
}
