import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain.error';
import { Clock } from '../common/time/clock';
import { EBAY_PATHS, EbayApiError } from '../ebay';
import { AccountNotConnectedError, EbayApiClient } from '../tokens';

/** What one live check of an account found. */
export interface HealthCheckResult {
  readonly isHealthy: boolean;
  /** What eBay's Identity API answered; null when it was not reached (reconnect needed, eBay unreachable). */
  readonly httpStatus: number | null;
  /** Why it is unhealthy: `reauth_required`, `ebay_unavailable`, eBay's `ebay_error_<id>`, … */
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** The whole check: the call, its retries and any token refresh on the way; null when nothing ran. */
  readonly responseTimeMs: number | null;
  readonly checkedAt: Date;
}

/**
 * A check that ran (recorded as a health event), or an account with nothing to check: it was
 * disconnected, or eBay reported it deleted. Those are answered but not recorded.
 */
export type HealthCheckOutcome =
  | { readonly kind: 'checked'; readonly result: HealthCheckResult }
  | { readonly kind: 'not_connected'; readonly result: HealthCheckResult };

/** Longer messages are cut: eBay's texts are short, and an event row should stay small. */
const MAX_ERROR_MESSAGE_LENGTH = 500;

/**
 * Checks an account against eBay the way every other call reaches it: Identity getUser
 * through EbayApiClient, so a token near its end is refreshed first, a 401 refreshes once and
 * retries once, and 429/5xx are retried with backoff. Whatever eBay or the token path says
 * becomes the result; only failures of our own (the database) escape.
 */
@Injectable()
export class AccountHealthChecker {
  constructor(
    private readonly ebayApi: EbayApiClient,
    private readonly clock: Clock,
  ) {}

  /** Checks the account at eBay now; never rejects for what eBay or the account's tokens say. */
  async check(accountId: string): Promise<HealthCheckOutcome> {
    const checkedAt = this.clock.now();
    const startedAt = performance.now();
    const elapsedMs = (): number => Math.round(performance.now() - startedAt);
    try {
      const user = await this.ebayApi.get<unknown>(accountId, EBAY_PATHS.identityUser, {
        action: 'Identity getUser',
        host: 'apiz',
      });
      if (!isEbayUser(user)) {
        return checked(unhealthy(checkedAt, elapsedMs(), 200, 'ebay_malformed_response', 'eBay Identity getUser answered without a userId'));
      }
      return checked({ isHealthy: true, httpStatus: 200, errorCode: null, errorMessage: null, responseTimeMs: elapsedMs(), checkedAt });
    } catch (error) {
      if (error instanceof AccountNotConnectedError) return notConnected('not_connected', error.message, checkedAt);
      // Every DomainError on this path is about the account's tokens or eBay's answer.
      if (!(error instanceof DomainError)) throw error;
      const httpStatus = error instanceof EbayApiError ? (error.httpStatus ?? null) : null;
      return checked(unhealthy(checkedAt, elapsedMs(), httpStatus, error.code ?? error.kind, error.message));
    }
  }
}

/** The answer for an account that has nothing at eBay to check; nothing is called or recorded. */
export function notConnected(errorCode: string, errorMessage: string, checkedAt: Date): HealthCheckOutcome {
  return { kind: 'not_connected', result: unhealthy(checkedAt, null, null, errorCode, errorMessage) };
}

function checked(result: HealthCheckResult): HealthCheckOutcome {
  return { kind: 'checked', result };
}

function unhealthy(
  checkedAt: Date,
  responseTimeMs: number | null,
  httpStatus: number | null,
  errorCode: string,
  errorMessage: string,
): HealthCheckResult {
  return {
    isHealthy: false,
    httpStatus,
    errorCode,
    errorMessage: errorMessage.slice(0, MAX_ERROR_MESSAGE_LENGTH),
    responseTimeMs,
    checkedAt,
  };
}

function isEbayUser(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const userId = (body as Record<string, unknown>).userId;
  return typeof userId === 'string' && userId !== '';
}
