import { verdictAfter } from './delivery-schedule';
import type { WebhookAttemptResult } from './webhook-sender';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const SCHEDULE = [5, 300, 1800];

function response(statusCode: number, retryAfterSeconds?: number): WebhookAttemptResult {
  return { kind: 'response', statusCode, durationMs: 3, body: '', retryAfterSeconds, connectedAddress: '203.0.113.9' };
}
const timeout: WebhookAttemptResult = { kind: 'failed', durationMs: 15_000, error: 'timeout after 15000 ms', isRefusedTarget: false };
const secondsLater = (verdict: ReturnType<typeof verdictAfter>): number =>
  verdict.kind === 'retry' ? (verdict.at.getTime() - NOW.getTime()) / 1000 : Number.NaN;

describe('verdictAfter', () => {
  it('takes any 2xx as success, whatever the attempt', () => {
    for (const status of [200, 201, 202, 204, 299]) expect(verdictAfter(response(status), 4, SCHEDULE, NOW, 0.5)).toEqual({ kind: 'succeeded' });
  });

  it('disables on 410 at once, without a retry', () => {
    expect(verdictAfter(response(410), 1, SCHEDULE, NOW, 0.5)).toEqual({ kind: 'gone' });
  });

  it('retries 3xx, 4xx, 429, 5xx and failures after the attempt’s wait, ±10 %', () => {
    for (const result of [response(302), response(400), response(404), response(429), response(500), timeout]) {
      expect(secondsLater(verdictAfter(result, 1, SCHEDULE, NOW, 0.5))).toBeCloseTo(5);
    }
    expect(secondsLater(verdictAfter(timeout, 2, SCHEDULE, NOW, 0))).toBeCloseTo(270);
    expect(secondsLater(verdictAfter(timeout, 2, SCHEDULE, NOW, 0.999999))).toBeCloseTo(330);
    expect(secondsLater(verdictAfter(timeout, 3, SCHEDULE, NOW, 0.5))).toBeCloseTo(1800);
  });

  it('waits for a longer Retry-After, never a shorter one', () => {
    expect(secondsLater(verdictAfter(response(429, 60), 1, SCHEDULE, NOW, 0.5))).toBe(60);
    expect(secondsLater(verdictAfter(response(503, 1), 2, SCHEDULE, NOW, 0.5))).toBeCloseTo(300);
  });

  it('fails once the schedule has run out: one attempt and then one per wait', () => {
    expect(verdictAfter(response(500), 4, SCHEDULE, NOW, 0.5)).toEqual({ kind: 'failed' });
    expect(verdictAfter(timeout, 1, [], NOW, 0.5)).toEqual({ kind: 'failed' });
  });
});
