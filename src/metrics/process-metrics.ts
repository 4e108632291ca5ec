import { collectDefaultMetrics, Registry } from 'prom-client';

/** Every metric of the service starts with this, the default process metrics included. */
export const METRIC_PREFIX = 'ebay_connect_';

let processRegistry: Registry | undefined;

/**
 * The process's own metrics (CPU, memory, event loop lag, GC, handles), made once per process.
 * prom-client's collectors start a GC observer and an event loop monitor that nothing can stop,
 * so one set per app would leave a set running for every app a test file starts; and they
 * describe the process, which every app in it shares. Everything else is per app
 * (`MetricsRegistry`).
 */
export function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: METRIC_PREFIX });
  }
  return processRegistry;
}
