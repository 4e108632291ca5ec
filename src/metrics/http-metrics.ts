import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';
import { METRIC_PREFIX } from './process-metrics';
import { routeLabel } from './route-label';

/** The status label of a request whose client went away before the answer was sent. */
const ABORTED = 'aborted';

/** HTTP requests by method, route template and status, and how long their answers took. */
@Injectable()
export class HttpMetrics {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(metrics: MetricsRegistry) {
    const labelNames = ['method', 'route', 'status'] as const;
    this.requests = new Counter({
      name: `${METRIC_PREFIX}http_requests_total`,
      help: 'HTTP requests by method, route template (`unmatched`: no route) and status.',
      labelNames,
      registers: [metrics.registry],
    });
    this.duration = new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'Time from a request’s arrival to the end of its answer, by method, route template and status.',
      labelNames,
      registers: [metrics.registry],
    });
  }

  /** Express middleware: records each request once it is over, answered or abandoned. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const startedAt = process.hrtime.bigint();
    response.once('close', () => {
      const labels = {
        method: request.method,
        route: routeLabel(request),
        status: response.writableFinished ? String(response.statusCode) : ABORTED,
      };
      this.requests.inc(labels);
      this.duration.observe(labels, Number(process.hrtime.bigint() - startedAt) / 1e9);
    });
    next();
  };
}
