import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import { SingleFlight } from '../common/concurrency/single-flight';
import { Clock } from '../common/time/clock';
import { type EbayGrantType, MetricsService } from '../metrics';
import { classifyOAuthFailure } from './ebay-error.classifier';
import { EbayConnection } from './ebay-connection';
import { EbayMalformedResponseError, EbayOAuthError } from './ebay.errors';
import { EBAY_PATHS } from './ebay-hosts';
import { describeHttpFailure } from './http-failure';

/** What a code exchange yields: a user access token and the refresh token behind it. */
export interface UserTokenGrant {
  readonly accessToken: string;
  readonly accessTokenExpiresInSeconds: number;
  readonly refreshToken: string;
  /** eBay sends it (18 months); undefined if it ever does not. */
  readonly refreshTokenExpiresInSeconds: number | undefined;
  readonly tokenType: string;
}

/** What a refresh yields. eBay does not rotate refresh tokens, so usually no new one. */
export interface RefreshedAccessToken {
  readonly accessToken: string;
  readonly accessTokenExpiresInSeconds: number;
  readonly tokenType: string;
  readonly refreshToken?: string;
  readonly refreshTokenExpiresInSeconds?: number;
}

export interface ConsentRequest {
  readonly state: string;
  /** `login` makes eBay ask for credentials even when the browser is signed in. */
  readonly prompt?: 'login';
}

/** The scope of an application token for the public APIs (the Notification API's public keys among them). */
export const APPLICATION_SCOPE = 'https://api.ebay.com/oauth/api_scope';
/** An application token is asked for again this long before eBay says it expires. */
const APPLICATION_TOKEN_MARGIN_MS = 5 * 60_000;

/**
 * eBay's OAuth endpoints: the consent URL, the code exchange, the refresh grant, and the
 * application token (client credentials) that calls on no user's behalf need.
 */
@Injectable()
export class EbayOAuthClient {
  private applicationTokenCache: { readonly value: string; readonly renewAtMs: number } | undefined;
  private readonly applicationTokenGrants = new SingleFlight<string>();

  constructor(
    private readonly http: HttpService,
    private readonly ebay: EbayConnection,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  /** The URL of eBay's consent page for this connect; the RuName stands for our callback. */
  consentUrl(request: ConsentRequest): string {
    const query = [
      ['client_id', this.ebay.clientId],
      ['redirect_uri', this.ebay.ruName],
      ['response_type', 'code'],
      ['scope', this.ebay.scopes.join(' ')],
      ['state', request.state],
      ...(request.prompt === undefined ? [] : [['prompt', request.prompt]]),
    ]
      // eBay documents %20 between scopes, not the + that URLSearchParams would write.
      .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
      .join('&');
    return `${this.ebay.hosts.authBaseUrl}${EBAY_PATHS.consent}?${query}`;
  }

  /**
   * Exchanges an authorization code (already URL-decoded once, as it arrived on our
   * callback) for the user's tokens.
   */
  async exchangeCode(code: string): Promise<UserTokenGrant> {
    const body = await this.requestToken(
      { grant_type: 'authorization_code', code, redirect_uri: this.ebay.ruName },
      'code exchange',
    );
    const refreshToken = body.refresh_token;
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      throw new EbayMalformedResponseError('code exchange');
    }
    return {
      ...accessTokenOf(body, 'code exchange'),
      refreshToken,
      refreshTokenExpiresInSeconds: positiveNumber(body.refresh_token_expires_in),
    };
  }

  /** A new access token for the given scopes (the consented ones, or fewer). */
  async refresh(refreshToken: string, scopes: readonly string[]): Promise<RefreshedAccessToken> {
    const body = await this.requestToken(
      { grant_type: 'refresh_token', refresh_token: refreshToken, scope: scopes.join(' ') },
      'token refresh',
    );
    const rotated = typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : undefined;
    return {
      ...accessTokenOf(body, 'token refresh'),
      ...(rotated === undefined
        ? {}
        : { refreshToken: rotated, refreshTokenExpiresInSeconds: positiveNumber(body.refresh_token_expires_in) }),
    };
  }

  /**
   * An application access token (client credentials, APPLICATION_SCOPE), kept in memory until
   * shortly before it expires; callers that meet one at the same time share one grant.
   */
  async applicationToken(): Promise<string> {
    const cached = this.applicationTokenCache;
    if (cached !== undefined && this.clock.now().getTime() < cached.renewAtMs) return cached.value;
    return this.applicationTokenGrants.run('application', async () => {
      const body = await this.requestToken({ grant_type: 'client_credentials', scope: APPLICATION_SCOPE }, 'application token');
      const token = accessTokenOf(body, 'application token');
      const lifetimeMs = token.accessTokenExpiresInSeconds * 1000;
      // A token shorter-lived than the margin is used once rather than never.
      const renewAtMs = this.clock.now().getTime() + Math.max(0, lifetimeMs - APPLICATION_TOKEN_MARGIN_MS);
      this.applicationTokenCache = { value: token.accessToken, renewAtMs };
      return token.accessToken;
    });
  }

  /** Forgets the application token (eBay refused it), so the next call asks for a new one. */
  forgetApplicationToken(rejected: string): void {
    if (this.applicationTokenCache?.value === rejected) this.applicationTokenCache = undefined;
  }

  private async requestToken(
    form: Record<string, string> & { grant_type: EbayGrantType },
    action: string,
  ): Promise<Record<string, unknown>> {
    const credentials = Buffer.from(`${this.ebay.clientId}:${this.ebay.clientSecret}`).toString('base64');
    let data: unknown;
    try {
      const response = await this.http.axiosRef.post<unknown>(
        `${this.ebay.hosts.apiBaseUrl}${EBAY_PATHS.token}`,
        new URLSearchParams(form).toString(),
        {
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            Authorization: `Basic ${credentials}`,
            Accept: 'application/json',
          },
        },
      );
      data = response.data;
      this.metrics.countTokenGrant(form.grant_type, response.status);
    } catch (error) {
      const http = describeHttpFailure(error);
      this.metrics.countTokenGrant(form.grant_type, http.status ?? 'network_error');
      throw new EbayOAuthError(classifyOAuthFailure(http), http, action);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new EbayMalformedResponseError(action);
    }
    return data as Record<string, unknown>;
  }
}

function accessTokenOf(
  body: Record<string, unknown>,
  action: string,
): { accessToken: string; accessTokenExpiresInSeconds: number; tokenType: string } {
  const expiresIn = positiveNumber(body.expires_in);
  if (typeof body.access_token !== 'string' || body.access_token === '' || expiresIn === undefined) {
    throw new EbayMalformedResponseError(action);
  }
  return {
    accessToken: body.access_token,
    accessTokenExpiresInSeconds: expiresIn,
    tokenType: typeof body.token_type === 'string' ? body.token_type : 'User Access Token',
  };
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
