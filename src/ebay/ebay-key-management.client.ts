import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { classifyApiFailure } from './ebay-error.classifier';
import { EbayConnection } from './ebay-connection';
import { EBAY_PATHS } from './ebay-hosts';
import { EbayOAuthClient } from './ebay-oauth.client';
import { type CreatedSigningKey, parseCreatedSigningKey } from './ebay-signing-key';
import { EbayApiError } from './ebay.errors';
import { describeHttpFailure } from './http-failure';

const ACTION = 'Key Management createSigningKey';

/**
 * eBay's Key Management API, called with the application token: creates the Ed25519 keys
 * that sign requests for EU/UK sellers. Not retried on 5xx: a create is not idempotent, and
 * a second key made by a retry would only be one eBay keeps and nobody uses.
 */
@Injectable()
export class EbayKeyManagementClient {
  constructor(
    private readonly http: HttpService,
    private readonly ebay: EbayConnection,
    private readonly oauth: EbayOAuthClient,
    private readonly clock: Clock,
  ) {}

  /** A new signing key for this keyset. Throws EbayApiError (never with the key) when eBay fails. */
  async createSigningKey(): Promise<CreatedSigningKey> {
    const token = await this.oauth.applicationToken();
    const first = await this.request(token);
    if (first.kind === 'created') return first.key;
    // An application token revoked or expired early: one new one, one more try.
    this.oauth.forgetApplicationToken(token);
    const second = await this.request(await this.oauth.applicationToken());
    if (second.kind === 'rejected') throw second.error;
    return second.key;
  }

  private async request(
    token: string,
  ): Promise<{ kind: 'created'; key: CreatedSigningKey } | { kind: 'rejected'; error: EbayApiError }> {
    let data: unknown;
    try {
      const response = await this.http.axiosRef.post<unknown>(
        `${this.ebay.hosts.apizBaseUrl}${EBAY_PATHS.signingKey}`,
        { signingKeyCipher: 'ED25519' },
        { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' } },
      );
      data = response.data;
    } catch (error) {
      const http = describeHttpFailure(error);
      const failure = classifyApiFailure(http);
      const apiError = new EbayApiError(failure, http, ACTION);
      if (failure.kind === 'token_rejected') return { kind: 'rejected', error: apiError };
      throw apiError;
    }
    return { kind: 'created', key: parseCreatedSigningKey(data, this.clock.now()) };
  }
}
