import { isAxiosError } from 'axios';

/**
 * What a failed HTTP call to eBay tells us, stripped of the request (whose headers and body
 * hold credentials): never keep or log the AxiosError itself.
 */
export interface HttpFailure {
  /** Absent when no response arrived (refused, reset, timed out). */
  readonly status?: number;
  readonly body?: unknown;
  readonly retryAfterSeconds?: number;
  /** Node's or axios' error code when no response arrived (ECONNRESET, ECONNABORTED…). */
  readonly networkCode?: string;
}

export function describeHttpFailure(error: unknown): HttpFailure {
  if (!isAxiosError(error)) return { networkCode: 'UNKNOWN' };
  const response = error.response;
  if (response === undefined) return { networkCode: error.code ?? 'NETWORK' };
  return {
    status: response.status,
    body: response.data as unknown,
    retryAfterSeconds: parseRetryAfter(response.headers['retry-after']),
  };
}

/** Retry-After as seconds from now: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: unknown, now: Date = new Date()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}
