import type { ServiceProcess } from '../../test/support/service-process';

/**
 * Until the service's readiness probe answers 200: a bench runs it at LOG_LEVEL=warn, which
 * prints no "ready" line. Fails with what it printed if it exits or takes over a minute.
 */
export async function waitForReady(service: ServiceProcess, baseUrl: string): Promise<void> {
  for (const deadline = Date.now() + 60_000; ; ) {
    const ready = await fetch(`${baseUrl}/health/ready`).then((response) => response.ok, () => false);
    if (ready) return;
    if (service.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`The service did not become ready:\n${service.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
