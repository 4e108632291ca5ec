import { HttpService } from '@nestjs/axios';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type AxiosRequestConfig, type AxiosResponse, type InternalAxiosRequestConfig, isAxiosError } from 'axios';
import { sleep } from '../common/time/sleep';
import { classifyApiFailure, describeHttpFailure, EbayApiError, EbayConnection } from '../ebay';
import { MetricsService } from '../metrics';
import { EbayRequestSigner } from './ebay-request-signer';
import { TokenService } from './token.service';

/** The state of one logical call across its retries; lives on the axios request config. */
interface EbayCall {
  readonly accountId: string;
  readonly action: string;
  /** eBay wants this call signed (EU/UK sellers); every attempt is signed afresh. */
  readonly isSigned: boolean;
  /** The token the last attempt carried: a refresh is skipped if it has changed since. */
  accessToken?: string;
  hasRefreshed: boolean;
  transientRetries: number;
}

/** axios keeps unknown config properties through its merges and hands them to interceptors. */
type EbayRequestConfig = InternalAxiosRequestConfig & { ebayCall?: EbayCall };

export const MAX_TRANSIENT_RETRIES = 3;
const FIRST_BACKOFF_MS = 250;
/** A Retry-After longer than this is not waited out inside a request: the caller is told. */
const LONGEST_WAIT_MS = 10_000;

export interface EbayGetRequest {
  /** Names the call in errors and logs, e.g. 'Fulfillment getOrders'. */
  readonly action: string;
  /** Most APIs (sell/fulfillment, …) live on the api host; Identity and Finances on apiz (docs/ebay.md). */
  readonly host?: 'api' | 'apiz';
  readonly query?: Readonly<Record<string, string | number>>;
  /** Sent as X-EBAY-C-MARKETPLACE-ID. */
  readonly marketplaceId?: string | null;
}

/**
 * The only way the service calls eBay's REST APIs for an account. It attaches the account's
 * bearer token and, on the calls eBay wants signed (EbayRequestSigner), a digital signature;
 * on 401 (or 403 with errorId 1100) it refreshes once and retries once; on 429,
 * 5xx and network failures it retries a few times with backoff, honouring Retry-After. What
 * reaches the caller is an EbayApiError, never an axios error (which would carry the token).
 */
@Injectable()
export class EbayApiClient implements OnModuleInit {
  constructor(
    private readonly http: HttpService,
    private readonly tokens: TokenService,
    private readonly ebay: EbayConnection,
    private readonly metrics: MetricsService,
    private readonly signer: EbayRequestSigner,
  ) {}

  onModuleInit(): void {
    this.http.axiosRef.interceptors.request.use((config) => this.authorize(config));
    this.http.axiosRef.interceptors.response.use(
      (response) => this.counted(response),
      (error: unknown) => this.recover(error),
    );
  }

  async get<T>(accountId: string, path: string, request: EbayGetRequest): Promise<T> {
    const base = request.host === 'apiz' ? this.ebay.hosts.apizBaseUrl : this.ebay.hosts.apiBaseUrl;
    const config: AxiosRequestConfig & { ebayCall: EbayCall } = {
      params: request.query,
      headers: {
        Accept: 'application/json',
        ...(request.marketplaceId ? { 'X-EBAY-C-MARKETPLACE-ID': request.marketplaceId } : {}),
      },
      ebayCall: {
        accountId,
        action: request.action,
        isSigned: this.signer.isInScope('GET', path),
        hasRefreshed: false,
        transientRetries: 0,
      },
    };
    const response = await this.http.axiosRef.get<T>(`${base}${path}`, config);
    return response.data;
  }

  private async authorize(config: EbayRequestConfig): Promise<InternalAxiosRequestConfig> {
    const call = config.ebayCall;
    if (call === undefined) return config;
    call.accessToken = await this.tokens.getAccessToken(call.accountId);
    config.headers.set('Authorization', `Bearer ${call.accessToken}`);
    if (call.isSigned) {
      // GET only so far: no body, and the query is not signed (axios adds `params` after this).
      const signature = await this.signer.headersFor({ method: config.method ?? 'get', url: config.url! });
      for (const [name, value] of Object.entries(signature)) config.headers.set(name, value);
    }
    return config;
  }

  private async recover(error: unknown): Promise<AxiosResponse> {
    const config = isAxiosError(error) ? (error.config as EbayRequestConfig | undefined) : undefined;
    const call = config?.ebayCall;
    // Not an HTTP failure (e.g. the account needs a reconnect): nothing to retry.
    if (config === undefined || call === undefined) throw error;

    const http = describeHttpFailure(error);
    this.metrics.countEbayCall(call.action, http.status ?? 'network_error');
    const failure = classifyApiFailure(http);
    if (failure.kind === 'token_rejected' && !call.hasRefreshed) {
      call.hasRefreshed = true;
      await this.tokens.forceRefresh(call.accountId, { rejectedAccessToken: call.accessToken });
      return this.http.axiosRef.request(config);
    }
    if (failure.kind === 'transient' && call.transientRetries < MAX_TRANSIENT_RETRIES) {
      const waitMs = this.backoffMs(call.transientRetries, http.retryAfterSeconds);
      if (waitMs <= LONGEST_WAIT_MS) {
        call.transientRetries++;
        await sleep(waitMs);
        return this.http.axiosRef.request(config);
      }
    }
    throw new EbayApiError(failure, http, call.action);
  }

  private counted(response: AxiosResponse): AxiosResponse {
    const call = (response.config as EbayRequestConfig).ebayCall;
    if (call !== undefined) this.metrics.countEbayCall(call.action, response.status);
    return response;
  }

  /** eBay's Retry-After when it sends one, else 250 ms doubling, with jitter. */
  private backoffMs(retriesSoFar: number, retryAfterSeconds: number | undefined): number {
    if (retryAfterSeconds !== undefined) return retryAfterSeconds * 1000;
    const ceiling = FIRST_BACKOFF_MS * 2 ** retriesSoFar;
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }
}
