import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import { classifyApiFailure } from './ebay-error.classifier';
import { EbayApiError } from './ebay.errors';
import { EBAY_PATHS } from './ebay-hosts';
import { EbayConnection } from './ebay-connection';
import { EbayOAuthClient } from './ebay-oauth.client';
import { type EbayPublicKey, parseEbayPublicKey } from './ebay-public-key';
import { describeHttpFailure } from './http-failure';

/** The key id is not one eBay knows (it answered 404, or 400 for an id it cannot read). */
export type PublicKeyLookup = { readonly kind: 'found'; readonly key: EbayPublicKey } | { readonly kind: 'unknown' };

/**
 * eBay's Notification API, called with the application token: the public keys that sign
 * notifications such as Marketplace Account Deletion.
 */
@Injectable()
export class EbayNotificationClient {
  constructor(
    private readonly http: HttpService,
    private readonly ebay: EbayConnection,
    private readonly oauth: EbayOAuthClient,
  ) {}

  /** The key named by a notification's `kid`. Throws EbayApiError when eBay fails. */
  async getPublicKey(kid: string): Promise<PublicKeyLookup> {
    const token = await this.oauth.applicationToken();
    const first = await this.request(kid, token);
    if (first.kind !== 'rejected') return first.lookup;
    // An application token revoked or expired early: one new one, one more try.
    this.oauth.forgetApplicationToken(token);
    const second = await this.request(kid, await this.oauth.applicationToken());
    if (second.kind === 'rejected') throw second.error;
    return second.lookup;
  }

  private async request(
    kid: string,
    token: string,
  ): Promise<{ kind: 'answered'; lookup: PublicKeyLookup } | { kind: 'rejected'; error: EbayApiError }> {
    let data: unknown;
    try {
      const url = `${this.ebay.hosts.apiBaseUrl}${EBAY_PATHS.notificationPublicKey}${encodeURIComponent(kid)}`;
      const response = await this.http.axiosRef.get<unknown>(url, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      });
      data = response.data;
    } catch (error) {
      const http = describeHttpFailure(error);
      if (http.status === 404 || http.status === 400) return { kind: 'answered', lookup: { kind: 'unknown' } };
      const failure = classifyApiFailure(http);
      const apiError = new EbayApiError(failure, http, 'Notification getPublicKey');
      if (failure.kind === 'token_rejected') return { kind: 'rejected', error: apiError };
      throw apiError;
    }
    return { kind: 'answered', lookup: { kind: 'found', key: parseEbayPublicKey(data) } };
  }
}
