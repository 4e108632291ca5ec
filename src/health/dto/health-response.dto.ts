import { ApiProperty, ApiPropertyOptional } from '../../common/openapi/openapi-decorators';

export class LivenessResponse {
  @ApiProperty({ example: 'ok', enum: ['ok'] })
  status!: 'ok';
}

/** Terminus' report: each check's outcome under its name. */
export class HealthReport {
  @ApiProperty({ example: 'ok', enum: ['ok', 'error', 'shutting_down'] })
  status!: string;

  @ApiPropertyOptional({
    example: { database: { status: 'up' }, migrations: { status: 'up' } },
    description: 'The checks that passed',
  })
  info?: Record<string, unknown>;

  @ApiPropertyOptional({
    example: { database: { status: 'down', message: 'timeout of 2000ms exceeded' } },
    description: 'The checks that failed',
  })
  error?: Record<string, unknown>;

  @ApiProperty({
    example: { database: { status: 'up' }, migrations: { status: 'up' } },
    description: 'Every check',
  })
  details!: Record<string, unknown>;
}
