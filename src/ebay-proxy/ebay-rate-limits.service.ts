import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { EbayApiError, EbayConnection, EbayMalformedResponseError, EbayOAuthClient, EBAY_REQUEST_TIMEOUT_MS, classifyApiFailure, describeHttpFailure } from '../ebay';
import { EbayApiClient } from '../tokens';

/** Developer Analytics' answer, and when it came. */
export interface RateLimits {
  readonly rateLimits: unknown[];
  readonly fetchedAt: Date;
}

export interface RateLimitFilter {
  readonly api_context?: string;
  readonly api_name?: string;
}

const PATH = '/developer/analytics/v1_beta';
/** eBay counts calls continuously; a minute-old answer is close enough and spares its quota. */
const CACHE_MS = 60_000;
const MAX_CACHED = 10_000;

/**
 * eBay's own view of the call quotas: an account's (getUserRateLimits, with its user token,
 * through the authorized client) and the app's (getRateLimits, with an application token).
 * Answers are kept 60 s per account and filter.
 */
@Injectable()
export class EbayRateLimitsService {
  private readonly cache = new Map<string, RateLimits>();

  constructor(
    private readonly ebayApi: EbayApiClient,
    private readonly oauth: EbayOAuthClient,
    private readonly http: HttpService,
    private readonly ebay: EbayConnection,
    private readonly clock: Clock,
  ) {}

  forAccount(accountId: string, filter: RateLimitFilter): Promise<RateLimits> {
    return this.cached(`account:${accountId}:${filter.api_context ?? ''}:${filter.api_name ?? ''}`, async () =>
      this.ebayApi.get<unknown>(accountId, `${PATH}/user_rate_limit/`, { action: 'Developer Analytics getUserRateLimits', query: queryOf(filter) }),
    );
  }

  forApp(filter: RateLimitFilter): Promise<RateLimits> {
    return this.cached(`app:${filter.api_context ?? ''}:${filter.api_name ?? ''}`, async () => {
      const token = await this.oauth.applicationToken();
      try {
        const response = await this.http.axiosRef.get<unknown>(`${this.ebay.hosts.apiBaseUrl}${PATH}/rate_limit/`, {
          params: queryOf(filter),
          headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
          timeout: EBAY_REQUEST_TIMEOUT_MS,
        });
        return response.data;
      } catch (error) {
        const http = describeHttpFailure(error);
        throw new EbayApiError(classifyApiFailure(http), http, 'Developer Analytics getRateLimits');
      }
    });
  }

  private async cached(key: string, fetch: () => Promise<unknown>): Promise<RateLimits> {
    const now = this.clock.now();
    const hit = this.cache.get(key);
    if (hit !== undefined && now.getTime() - hit.fetchedAt.getTime() < CACHE_MS) return hit;
    const body = await fetch();
    const rateLimits = (body as { rateLimits?: unknown } | null)?.rateLimits;
    if (!Array.isArray(rateLimits)) throw new EbayMalformedResponseError('Developer Analytics rate limits');
    const answer = { rateLimits, fetchedAt: now };
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(key, answer);
    return answer;
  }
}

function queryOf(filter: RateLimitFilter): Record<string, string> {
  return {
    ...(filter.api_context === undefined ? {} : { api_context: filter.api_context }),
    ...(filter.api_name === undefined ? {} : { api_name: filter.api_name }),
  };
}
