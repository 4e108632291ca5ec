import type { DomainError } from '../common/errors/domain.error';
import type { RateLimitRule } from '../rate-limits';
import { TooManyLoginAttemptsError, TooManyRegistrationsError } from './auth.errors';

/** The limits of a route that takes an email and a password, and what a caller past them gets. */
export interface CredentialAttemptLimits {
  readonly perIp: RateLimitRule;
  readonly perEmail: RateLimitRule;
  readonly refuse: (retryAfterSeconds: number) => DomainError;
}

/** Spraying passwords from one address, or at one account from many. */
export const LOGIN_LIMITS: CredentialAttemptLimits = {
  perIp: { name: 'login-ip', limit: 60, windowMs: 60_000 },
  perEmail: { name: 'login-email', limit: 10, windowMs: 15 * 60_000 },
  refuse: (retryAfterSeconds) => new TooManyLoginAttemptsError(retryAfterSeconds),
};

/**
 * Each registration costs an argon2 hash (19 MiB, ~40 ms of a core): one address gets 20 per
 * quarter hour (an office signing up together fits; a flood spends under 0.1% of a core), one
 * email 5 (a person retrying a refused password fits). docs/decisions.md has the reasoning.
 */
export const REGISTER_LIMITS: CredentialAttemptLimits = {
  perIp: { name: 'register-ip', limit: 20, windowMs: 15 * 60_000 },
  perEmail: { name: 'register-email', limit: 5, windowMs: 15 * 60_000 },
  refuse: (retryAfterSeconds) => new TooManyRegistrationsError(retryAfterSeconds),
};
