import type { HealthCheckResult } from './account-health-checker';
import { healthChangeOf } from './health-change';

const CHECKED_AT = new Date('2026-11-23T10:00:00.000Z');
const healthy: HealthCheckResult = { isHealthy: true, httpStatus: 200, errorCode: null, errorMessage: null, responseTimeMs: 80, checkedAt: CHECKED_AT };
const unhealthy: HealthCheckResult = {
  isHealthy: false,
  httpStatus: 500,
  errorCode: 'ebay_http_500',
  errorMessage: 'eBay Identity getUser failed: HTTP 500',
  responseTimeMs: 900,
  checkedAt: CHECKED_AT,
};

describe('healthChangeOf', () => {
  it('reports a turn from healthy to unhealthy with what the check found', () => {
    expect(healthChangeOf(true, unhealthy)).toEqual({ isHealthy: false, previousIsHealthy: true, errorCode: 'ebay_http_500', httpStatus: 500 });
  });

  it('reports a turn back to healthy', () => {
    expect(healthChangeOf(false, healthy)).toEqual({ isHealthy: true, previousIsHealthy: false, errorCode: null, httpStatus: 200 });
  });

  it('reports nothing while the health stays as it was', () => {
    expect(healthChangeOf(true, healthy)).toBeUndefined();
    expect(healthChangeOf(false, unhealthy)).toBeUndefined();
  });

  it('counts an account never checked as healthy: a first check reports only trouble', () => {
    expect(healthChangeOf(undefined, healthy)).toBeUndefined();
    expect(healthChangeOf(undefined, unhealthy)).toEqual({ isHealthy: false, previousIsHealthy: true, errorCode: 'ebay_http_500', httpStatus: 500 });
  });
});
