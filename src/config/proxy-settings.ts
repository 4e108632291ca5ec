import type { ProxyConfig } from './configuration';
import type { EnvironmentVariables } from './environment-variables';

/** What frontends may reach at eBay through the proxy, by default: the seller and buyer REST APIs. */
export const DEFAULT_PROXY_ALLOWED_PATHS = 'sell/,commerce/,buy/,post-order/,developer/analytics/';

export function resolveProxySettings(env: EnvironmentVariables): ProxyConfig {
  return {
    allowedPaths: (env.EBAY_PROXY_ALLOWED_PATHS ?? DEFAULT_PROXY_ALLOWED_PATHS)
      .split(',')
      .map((prefix) => prefix.trim().toLowerCase())
      .filter((prefix) => prefix !== '')
      .map((prefix) => (prefix.endsWith('/') ? prefix : `${prefix}/`)),
    maxBodyBytes: env.EBAY_PROXY_MAX_BODY_BYTES ?? 10 * 1024 * 1024,
    timeoutMs: env.EBAY_PROXY_TIMEOUT_MS ?? 30_000,
    maxRetryWaitMs: env.EBAY_PROXY_MAX_RETRY_WAIT_MS ?? 2_000,
    maxConcurrentPerAccount: env.EBAY_PROXY_MAX_CONCURRENT_PER_ACCOUNT ?? 16,
    callsRetentionDays: env.EBAY_API_CALLS_RETENTION_DAYS ?? 30,
  };
}
