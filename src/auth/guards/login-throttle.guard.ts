import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { Request } from 'express';
import { TooManyLoginAttemptsError } from '../auth.errors';

interface AttemptLimit {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
}

/** Spraying passwords from one address, or at one account from many. */
export const LOGIN_LIMITS: { readonly perIp: AttemptLimit; readonly perEmail: AttemptLimit } = {
  perIp: { name: 'login-ip', limit: 60, windowMs: 60_000 },
  perEmail: { name: 'login-email', limit: 10, windowMs: 15 * 60_000 },
};

/**
 * Counts login attempts per client IP and per email. Past either limit the caller gets a 429
 * with Retry-After until the window ends. Counts live in this replica's memory: N replicas
 * allow up to N times the limit, still enough to make guessing useless.
 */
@Injectable()
export class LoginThrottleGuard implements CanActivate {
  constructor(private readonly attempts: ThrottlerStorageService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const body = request.body as { email?: unknown } | undefined;
    const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
    const checks: [AttemptLimit, string][] = [[LOGIN_LIMITS.perIp, request.ip ?? 'unknown']];
    if (email !== '') checks.push([LOGIN_LIMITS.perEmail, email]);

    let retryAfterSeconds = 0;
    for (const [limit, key] of checks) {
      const record = await this.attempts.increment(
        `${limit.name}:${key}`,
        limit.windowMs,
        limit.limit,
        limit.windowMs,
        limit.name,
      );
      if (record.isBlocked) retryAfterSeconds = Math.max(retryAfterSeconds, record.timeToBlockExpire);
    }
    if (retryAfterSeconds > 0) throw new TooManyLoginAttemptsError(retryAfterSeconds);
    return true;
  }
}
