import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import { MetricsConfig } from '../config/configuration';
import { processMetrics } from './process-metrics';

/**
 * This app's metrics, in a registry of its own: prom-client refuses a name registered twice in
 * one registry, and a Jest file starts several apps one after another in one process.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly isEnabled: boolean;

  constructor(config: MetricsConfig) {
    this.isEnabled = config.enabled;
    // From boot, so the GC and event loop figures cover the whole life of the process.
    if (this.isEnabled) processMetrics();
  }

  /** The Content-Type of `scrape()`: Prometheus' text format. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric of this app and (when enabled) of its process, in Prometheus' text format. */
  scrape(): Promise<string> {
    const registries = this.isEnabled ? [processMetrics(), this.registry] : [this.registry];
    return Registry.merge(registries).metrics();
  }
}
