import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import { classifyApiFailure } from './ebay-error.classifier';
import { EbayConnection } from './ebay-connection';
import { EbayApiError, EbayMalformedResponseError } from './ebay.errors';
import { EBAY_PATHS } from './ebay-hosts';
import { describeHttpFailure } from './http-failure';

/** Identity getUser: who granted the token. `userId` never changes; `username` can. */
export interface EbayUser {
  readonly userId: string;
  readonly username: string;
  readonly accountType: string | undefined;
  readonly registrationMarketplaceId: string | undefined;
  readonly status: string | undefined;
}

/**
 * The Identity API, called with a token just obtained at connect (before any account exists,
 * so outside the authorized client, which works by account).
 */
@Injectable()
export class EbayIdentityClient {
  constructor(
    private readonly http: HttpService,
    private readonly ebay: EbayConnection,
  ) {}

  async getUser(accessToken: string): Promise<EbayUser> {
    let data: unknown;
    try {
      const response = await this.http.axiosRef.get<unknown>(`${this.ebay.hosts.apizBaseUrl}${EBAY_PATHS.identityUser}`, {
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      });
      data = response.data;
    } catch (error) {
      const http = describeHttpFailure(error);
      throw new EbayApiError(classifyApiFailure(http), http, 'Identity getUser');
    }
    const body = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    if (typeof body.userId !== 'string' || body.userId === '' || typeof body.username !== 'string') {
      throw new EbayMalformedResponseError('Identity getUser');
    }
    return {
      userId: body.userId,
      username: body.username,
      accountType: optionalString(body.accountType),
      registrationMarketplaceId: optionalString(body.registrationMarketplaceId),
      status: optionalString(body.status),
    };
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
