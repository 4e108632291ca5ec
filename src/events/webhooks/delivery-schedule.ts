import type { WebhookAttemptResult } from './webhook-sender';

/** What becomes of a delivery after an attempt. */
export type DeliveryVerdict =
  | { readonly kind: 'succeeded' }
  /** 410 Gone: the receiver asks never to be called again; the endpoint is disabled. */
  | { readonly kind: 'gone' }
  | { readonly kind: 'retry'; readonly at: Date }
  /** The schedule ran out. */
  | { readonly kind: 'failed' };

const JITTER = 0.1;

/**
 * The Standard Webhooks rule: any 2xx is success; 410 disables the endpoint; everything else
 * (3xx, other 4xx, 429, 5xx, timeouts, connection errors, a refused target) is retried after
 * the schedule's wait for this attempt, ±10 %, or the receiver's longer Retry-After, until the
 * schedule runs out. `attempt` counts from 1; `random` is in [0, 1).
 */
export function verdictAfter(
  result: WebhookAttemptResult,
  attempt: number,
  scheduleSeconds: readonly number[],
  now: Date,
  random: number,
): DeliveryVerdict {
  if (result.kind === 'response') {
    if (result.statusCode >= 200 && result.statusCode < 300) return { kind: 'succeeded' };
    if (result.statusCode === 410) return { kind: 'gone' };
  }
  if (attempt > scheduleSeconds.length) return { kind: 'failed' };
  const waitSeconds = scheduleSeconds[attempt - 1] * (1 - JITTER + 2 * JITTER * random);
  const retryAfterSeconds = result.kind === 'response' ? (result.retryAfterSeconds ?? 0) : 0;
  return { kind: 'retry', at: new Date(now.getTime() + Math.max(waitSeconds, retryAfterSeconds) * 1000) };
}
