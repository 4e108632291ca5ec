import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, Response } from 'express';
import { HttpMetrics } from './http-metrics';
import { MetricsRegistry } from './metrics-registry';

/** Where Prometheus scrapes: beside /health, outside /api. */
export const METRICS_PATH = '/metrics';

/**
 * Counts every request by route template and serves GET /metrics; with METRICS_ENABLED=false
 * it does neither, and /metrics gets the JSON 404 of any unknown path. Call it before any other
 * middleware, so that requests the request checks refuse are counted too. /metrics is an
 * Express route rather than a controller: it sits outside Nest's guards (JWT, throttling) and
 * the OpenAPI document, like /docs-json, and is not logged per scrape, like the probes.
 */
export function installMetrics(app: NestExpressApplication): void {
  const metrics = app.get(MetricsRegistry);
  if (!metrics.isEnabled) return;
  app.use(app.get(HttpMetrics).middleware);
  (app.getHttpAdapter().getInstance() as Express).get(METRICS_PATH, (_request: Request, response: Response, next: NextFunction) => {
    metrics.scrape().then(
      (body) => {
        response.setHeader('Content-Type', metrics.contentType);
        response.setHeader('Cache-Control', 'no-store');
        response.end(body);
      },
      (error: unknown) => next(error),
    );
  });
}
