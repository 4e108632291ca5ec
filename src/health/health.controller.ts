import { Controller, Get, ServiceUnavailableException, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '../common/openapi/openapi-decorators';
import {
  HealthCheckService,
  type HealthIndicatorFunction,
  MemoryHealthIndicator,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { getHeapStatistics } from 'node:v8';
import type { Response } from 'express';
import { Public } from '../auth';
import { HealthReport, LivenessResponse } from './dto/health-response.dto';
import { MigrationsHealthIndicator } from './migrations.health';
import { TokenRefresherHealthIndicator } from './token-refresher.health';

const DATABASE_TIMEOUT_MS = 2_000;
const NOT_READY_RETRY_AFTER_SECONDS = 5;
/**
 * Down beyond 90 % of the heap V8 may grow to (--max-old-space-size, else its default for the
 * machine): near there the process spends its time collecting garbage. A fixed figure would be
 * wrong for every size of pod but one.
 */
const HEAP_LIMIT_BYTES = Math.floor(getHeapStatistics().heap_size_limit * 0.9);

/** Kubernetes' probes (no auth, no /api prefix). */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly memory: MemoryHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
    private readonly refresher: TokenRefresherHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (never touches the database)' })
  @ApiOkResponse({ type: LivenessResponse })
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers and has every migration' })
  @ApiOkResponse({ type: HealthReport })
  @ApiServiceUnavailableResponse({ type: HealthReport, description: 'Not ready; `error` says why' })
  ready(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    return this.report(response, [
      () => this.database.pingCheck('database').withTimeout(DATABASE_TIMEOUT_MS),
      () => this.migrations.check('migrations', DATABASE_TIMEOUT_MS),
    ]);
  }

  @Get()
  @ApiOperation({
    summary: 'Details: database, migrations, memory and the background refresher',
    description:
      'memoryHeap is down beyond 90 % of the V8 heap limit. tokenRefresher is down when no replica finished a ' +
      'refresher run within three schedule periods; its details ' +
      'show the day’s eBay refresh grants against the quota.',
  })
  @ApiOkResponse({ type: HealthReport })
  @ApiServiceUnavailableResponse({ type: HealthReport, description: 'Something is down; `error` says what' })
  details(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    return this.report(response, [
      () => this.database.pingCheck('database').withTimeout(DATABASE_TIMEOUT_MS),
      () => this.migrations.check('migrations', DATABASE_TIMEOUT_MS),
      () => this.memory.checkHeap('memoryHeap', HEAP_LIMIT_BYTES),
      () => this.refresher.check('tokenRefresher', DATABASE_TIMEOUT_MS),
    ]);
  }

  /** Terminus throws on failure; probes want its report with a 503, not the generic error body. */
  private async report(response: Response, checks: HealthIndicatorFunction[]): Promise<HealthReport> {
    try {
      return (await this.health.check(checks)) as HealthReport;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      response.setHeader('Retry-After', String(NOT_READY_RETRY_AFTER_SECONDS));
      return error.getResponse() as HealthReport;
    }
  }
}
