import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RateLimitsService } from '../../rate-limits';
import type { CredentialAttemptLimits } from '../credential-attempt-limits';
import { countableEmail } from './countable-email';

const CREDENTIAL_LIMITS = 'credentialAttemptLimits';

/**
 * Counts each attempt per client address, then per email, before the body is validated or a
 * password hashed. Past either limit the caller gets a 429 with Retry-After. An address that
 * is blocked is refused before anything else is counted, so a flood adds no rows.
 */
@Injectable()
export class CredentialThrottleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly rateLimits: RateLimitsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const limits = this.reflector.get<CredentialAttemptLimits | undefined>(CREDENTIAL_LIMITS, context.getHandler());
    if (limits === undefined) throw new Error('CredentialThrottleGuard needs @ThrottleCredentials(limits)');
    const request = context.switchToHttp().getRequest<Request>();

    const byAddress = await this.rateLimits.hit(limits.perIp, request.ip ?? 'unknown');
    if (!byAddress.allowed) throw limits.refuse(byAddress.retryAfterSeconds);
    const email = countableEmail(request.body);
    if (email === undefined) return true;
    const byEmail = await this.rateLimits.hit(limits.perEmail, email);
    if (!byEmail.allowed) throw limits.refuse(byEmail.retryAfterSeconds);
    return true;
  }
}

/** Throttles a credentials route (login, register) per address and per email. */
export const ThrottleCredentials = (limits: CredentialAttemptLimits): MethodDecorator =>
  applyDecorators(SetMetadata(CREDENTIAL_LIMITS, limits), UseGuards(CredentialThrottleGuard));
