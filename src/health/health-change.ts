import type { HealthCheckResult } from './account-health-checker';

/** What account.health_changed adds to the account's names. */
export interface HealthChange {
  readonly isHealthy: boolean;
  readonly previousIsHealthy: boolean;
  readonly errorCode: string | null;
  readonly httpStatus: number | null;
}

/**
 * Whether a recorded check changes the account's health, and how: against the previous
 * recorded check (`undefined`: none, which counts as healthy, so a first check reports only
 * trouble). Undefined when nothing changed.
 */
export function healthChangeOf(previousIsHealthy: boolean | undefined, result: HealthCheckResult): HealthChange | undefined {
  const previous = previousIsHealthy ?? true;
  if (previous === result.isHealthy) return undefined;
  return { isHealthy: result.isHealthy, previousIsHealthy: previous, errorCode: result.errorCode, httpStatus: result.httpStatus };
}
