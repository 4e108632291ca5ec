import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Clock } from '../common/time/clock';
import { RateLimitRepository } from './rate-limit.repository';

/** What increment() answers (the library does not export the type by name). */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The key a throttler's hits are counted under: its name and a hash, whatever `key` holds. */
export function storedKey(throttlerName: string, key: string): string {
  return `${throttlerName}:${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * @nestjs/throttler's storage on PostgreSQL: every replica counts in the same rows. `ttl` and
 * `blockDuration` are milliseconds, the answered times seconds, as in the library's own storage.
 * Keys are hashed, so a caller's input never reaches the table however long it is.
 */
@Injectable()
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly counts: RateLimitRepository,
    private readonly clock: Clock,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now();
    const count = await this.counts.countHit({
      key: storedKey(throttlerName, key),
      now,
      limit,
      windowEndsAt: new Date(now.getTime() + ttl),
      blockEndsAt: blockDuration > 0 ? new Date(now.getTime() + blockDuration) : null,
    });
    const secondsLeft = Math.max(0, Math.ceil((count.resetsAt.getTime() - now.getTime()) / 1000));
    return {
      totalHits: count.hits,
      timeToExpire: secondsLeft,
      isBlocked: count.isBlocked,
      timeToBlockExpire: count.isBlocked ? secondsLeft : 0,
    };
  }
}
