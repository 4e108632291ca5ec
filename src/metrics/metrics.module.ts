import { Global, Module } from '@nestjs/common';
import { HttpMetrics } from './http-metrics';
import { MetricsRegistry } from './metrics-registry';
import { MetricsService } from './metrics.service';

/**
 * Prometheus metrics, one registry per app. Global, like configuration: any module may inject
 * `MetricsService` without listing this module, and every module shares the app's registry.
 * create-app.ts installs the HTTP side (`installMetrics`).
 */
@Global()
@Module({
  providers: [MetricsRegistry, MetricsService, HttpMetrics],
  exports: [MetricsService],
})
export class MetricsModule {}
