import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import type { AxiosResponse } from 'axios';
import { isAxiosError } from 'axios';
import type { Response } from 'express';
import { sleep } from '../common/time/sleep';
import { ProxyConfig } from '../config/configuration';
import { EbayConnection, parseRetryAfter } from '../ebay';
import { MetricsService } from '../metrics';
import { EbayRequestSigner, TokenService } from '../tokens';
import { EbayTimeoutError, EbayUnreachableError } from './ebay-proxy.errors';
import { relayedHeaders } from './proxy-headers';
import type { ProxyTarget } from './proxy-target';

/** A call to pass on to eBay for an account. */
export interface ForwardedCall {
  readonly accountId: string;
  readonly method: string;
  readonly target: ProxyTarget;
  /** What eBay may see of the caller's headers (proxy-headers.ts), without Authorization. */
  readonly headers: Readonly<Record<string, string>>;
  /** Read in full and bounded before the call, so that it can be signed and sent again. */
  readonly body: Buffer | undefined;
}

/** How the call went, for the audit. */
export interface ForwardOutcome {
  readonly status: number;
  readonly attempts: number;
  readonly bytesOut: number;
}

/** Methods eBay's APIs treat as idempotent: a 5xx or a lost connection may be tried again. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
const WAITS_FOR_SHORT_429 = new Set(['GET', 'HEAD']);
const MAX_TRANSIENT_RETRIES = 2;
const FIRST_BACKOFF_MS = 200;

/**
 * Passes one call to eBay with the account's token and eBay's rules (docs/ebay.md): a 401 is
 * met with one forced refresh (through the token single-flight) and one retry; a 429 on GET or
 * HEAD whose Retry-After is short is waited out once, any other is handed back at once; a 5xx
 * or a lost connection on an idempotent method is tried up to twice more, with jittered
 * backoff; POST and PATCH are never sent twice for those. Calls eBay wants signed (Finances,
 * refunds, cancellations) carry an RFC 9421 signature, made afresh for each attempt. eBay's final answer streams back
 * as eBay sent it (status, body bytes, its headers minus hop-by-hop ones and cookies).
 */
@Injectable()
export class EbayForwarder {
  constructor(
    private readonly http: HttpService,
    private readonly tokens: TokenService,
    private readonly signer: EbayRequestSigner,
    private readonly ebay: EbayConnection,
    private readonly config: ProxyConfig,
    private readonly metrics: MetricsService,
  ) {}

  async forward(call: ForwardedCall, response: Response): Promise<ForwardOutcome> {
    const base = call.target.host === 'apiz' ? this.ebay.hosts.apizBaseUrl : this.ebay.hosts.apiBaseUrl;
    const url = `${base}${call.target.path}${call.target.search}`;
    let attempts = 0;
    let hasRefreshed = false;
    let hasWaited = false;
    let transientRetries = 0;
    for (;;) {
      attempts++;
      const token = await this.tokens.getAccessToken(call.accountId);
      let upstream: AxiosResponse<Readable>;
      try {
        upstream = await this.send(url, call, token);
      } catch (error) {
        // Not eBay's doing (no signing key to be had): answered as it is.
        if (!isAxiosError(error)) throw error;
        // A lost connection is tried again; a timeout is not: the caller would wait it out three times.
        if (!isTimeout(error) && IDEMPOTENT.has(call.method) && transientRetries < MAX_TRANSIENT_RETRIES) {
          transientRetries++;
          this.metrics.countProxyRetry('network_error');
          await sleep(backoffMs(transientRetries));
          continue;
        }
        throw this.failureOf(error);
      }
      const { status } = upstream;
      if (status === 401 && !hasRefreshed) {
        upstream.data.destroy();
        hasRefreshed = true;
        this.metrics.countProxyRetry('token_rejected');
        await this.tokens.forceRefresh(call.accountId, { rejectedAccessToken: token });
        continue;
      }
      if (status === 429 && WAITS_FOR_SHORT_429.has(call.method) && !hasWaited) {
        const waitSeconds = parseRetryAfter(upstream.headers['retry-after']);
        if (waitSeconds !== undefined && waitSeconds * 1000 <= this.config.maxRetryWaitMs) {
          upstream.data.destroy();
          hasWaited = true;
          this.metrics.countProxyRetry('rate_limited');
          await sleep(waitSeconds * 1000);
          continue;
        }
      }
      if (status >= 500 && IDEMPOTENT.has(call.method) && transientRetries < MAX_TRANSIENT_RETRIES) {
        upstream.data.destroy();
        transientRetries++;
        this.metrics.countProxyRetry('server_error');
        await sleep(backoffMs(transientRetries));
        continue;
      }
      return { status, attempts, bytesOut: await relay(upstream, response) };
    }
  }

  private async send(url: string, call: ForwardedCall, token: string): Promise<AxiosResponse<Readable>> {
    // eBay wants these signed for EU/UK sellers and ignores the signature elsewhere; each attempt gets its own.
    const signature = this.signer.isInScope(call.method, call.target.path)
      ? await this.signer.headersFor({ method: call.method, url, body: call.body })
      : {};
    return this.http.axiosRef.request<Readable>({
      url,
      method: call.method,
      headers: { ...call.headers, ...signature, authorization: `Bearer ${token}` },
      data: call.body,
      // eBay's bytes as they are: no JSON parsing, no decompression, every status handed back.
      responseType: 'stream',
      decompress: false,
      transformRequest: [(data: unknown) => data],
      validateStatus: () => true,
      timeout: this.config.timeoutMs,
      maxRedirects: 0,
    });
  }

  private failureOf(error: unknown): Error {
    if (isTimeout(error)) return new EbayTimeoutError(this.config.timeoutMs);
    return new EbayUnreachableError((isAxiosError(error) ? error.code : undefined) ?? 'network error');
  }
}

function isTimeout(error: unknown): boolean {
  const code = isAxiosError(error) ? error.code : undefined;
  return code === 'ECONNABORTED' || code === 'ETIMEDOUT';
}

/** Streams eBay's answer to the caller; answers the body bytes sent. */
async function relay(upstream: AxiosResponse<Readable>, response: Response): Promise<number> {
  response.status(upstream.status);
  for (const [name, value] of Object.entries(relayedHeaders(upstream.headers as Record<string, unknown>))) {
    if (value !== undefined) response.setHeader(name, value);
  }
  let bytes = 0;
  upstream.data.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  try {
    await pipeline(upstream.data, response);
  } catch {
    // The caller went away, or eBay cut the answer short: nothing more can be sent either way.
  }
  return bytes;
}

/** 200 ms, then 400 ms, each with up to half again of jitter. */
function backoffMs(retry: number): number {
  const base = FIRST_BACKOFF_MS * 2 ** (retry - 1);
  return Math.round(base + Math.random() * (base / 2));
}
