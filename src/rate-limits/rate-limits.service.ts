import { Injectable } from '@nestjs/common';
import type { RateLimitRule, RateLimitVerdict } from './rate-limit-rule';
import { PostgresThrottlerStorage } from './postgres-throttler-storage';

/** Counts what callers do against the rules, in PostgreSQL, so the limits hold across replicas. */
@Injectable()
export class RateLimitsService {
  constructor(private readonly storage: PostgresThrottlerStorage) {}

  /**
   * Counts one hit of `identity` under `rule`; refused once the identity is past the limit,
   * until its block ends. The identity is stored only as a hash.
   */
  async hit(rule: RateLimitRule, identity: string): Promise<RateLimitVerdict> {
    const record = await this.storage.increment(
      identity,
      rule.windowMs,
      rule.limit,
      rule.blockMs ?? rule.windowMs,
      rule.name,
    );
    return record.isBlocked
      ? { allowed: false, retryAfterSeconds: Math.max(1, record.timeToBlockExpire) }
      : { allowed: true };
  }
}
