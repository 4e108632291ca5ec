import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccountsService } from '../accounts';
import type { AuthUser } from '../auth';
import { STATUS_OF_KIND } from '../common/errors/all-exceptions.filter';
import { DomainError } from '../common/errors/domain.error';
import { ProxyConfig } from '../config/configuration';
import { MetricsService } from '../metrics';
import { AccountCallSlots } from './account-call-slots';
import { ApiCallRecorder } from './api-call-recorder';
import { EbayForwarder } from './ebay-forwarder';
import { TooManyProxyCallsError } from './ebay-proxy.errors';
import { forwardedHeaders } from './proxy-headers';
import { proxyTargetOf } from './proxy-target';
import { readBoundedBody } from './request-body';

/** What a frontend asked of eBay for an account. */
export interface ProxyRequest {
  readonly user: AuthUser;
  readonly accountId: string;
  /** The part of the URL after `/ebay/`: the eBay path and its query, as sent. */
  readonly ebayPathAndQuery: string;
  readonly request: Request;
  readonly response: Response;
}

/**
 * Calls eBay for an account on a frontend's behalf: ownership as in accounts, the path and
 * headers reduced to what eBay may see, the account's token and eBay's retry rules
 * (EbayForwarder), at most EBAY_PROXY_MAX_CONCURRENT_PER_ACCOUNT at once, and an audit row
 * for every call that got as far as the account.
 */
@Injectable()
export class EbayProxyService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly forwarder: EbayForwarder,
    private readonly slots: AccountCallSlots,
    private readonly calls: ApiCallRecorder,
    private readonly config: ProxyConfig,
    private readonly metrics: MetricsService,
  ) {}

  async proxy(call: ProxyRequest): Promise<void> {
    const { request, response } = call;
    const method = request.method.toUpperCase();
    // The path first: a refused one is refused before anything is looked up.
    const target = proxyTargetOf(call.ebayPathAndQuery, this.config.allowedPaths);
    const account = await this.accounts.getForEbayCall(call.user, call.accountId);
    if (!this.slots.tryTake(account.id)) throw new TooManyProxyCallsError(this.config.maxConcurrentPerAccount);
    const startedAt = performance.now();
    let status = 500;
    let attempts = 0;
    let bytesIn = 0;
    let bytesOut = 0;
    try {
      const body = await readBoundedBody(request, this.config.maxBodyBytes);
      bytesIn = body?.length ?? 0;
      const outcome = await this.forwarder.forward(
        { accountId: account.id, method, target, headers: forwardedHeaders(request.headers, account.marketplaceId), body },
        response,
      );
      ({ status, attempts, bytesOut } = outcome);
    } catch (error) {
      status = statusOf(error);
      throw error;
    } finally {
      this.slots.release(account.id);
      const durationMs = Math.round(performance.now() - startedAt);
      this.metrics.observeProxyCall(target.family, method, status, durationMs / 1000);
      this.calls.record({ accountId: account.id, userId: call.user.id, method, path: target.audited, status, attempts, durationMs, bytesIn, bytesOut });
    }
  }
}

/** The status the exception filter will answer for `error`, for the audit. */
function statusOf(error: unknown): number {
  return error instanceof DomainError ? STATUS_OF_KIND[error.kind] : 500;
}
