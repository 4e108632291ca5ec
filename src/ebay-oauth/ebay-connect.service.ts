import { Injectable } from '@nestjs/common';
import { type AccountPurpose, AccountsService, type AccountView } from '../accounts';
import { EbayConnection, EbayIdentityClient, EbayOAuthClient } from '../ebay';
import { UsersService } from '../auth';
import { bindingHashOf } from './browser-binding';
import { AuthorizationDeclinedError, ConnectOwnerInactiveError, MissingCodeError } from './ebay-oauth.errors';
import { type ConnectIntent, OAuthStateService } from './oauth-state.service';

export interface StartedConnect {
  readonly authorizationUrl: string;
  readonly state: string;
  readonly expiresAt: Date;
}

export interface StartedBrowserConnect {
  /** The service's redirect to eBay, relative to its origin. */
  readonly redirectPath: string;
  readonly state: string;
  readonly expiresAt: Date;
}

/** The route that sends a console's browser on to eBay (EbayOAuthController). */
export const BROWSER_REDIRECT_PATH = '/api/ebay/connect/redirect';

/** What eBay sends back to the callback (the query string, decoded once by the framework). */
export interface CallbackParams {
  readonly code?: string;
  readonly state?: string;
  /** `false` on eBay's decline page. */
  readonly isAuthSuccessful?: string;
  /** `access_denied` when the user declined, in the standard OAuth form. */
  readonly error?: string;
}

/**
 * Connecting an eBay account: a consent URL bound to a single-use state, then the callback
 * that exchanges the code, asks eBay who the user is and stores the account with its tokens.
 */
@Injectable()
export class EbayConnectService {
  constructor(
    private readonly states: OAuthStateService,
    private readonly oauth: EbayOAuthClient,
    private readonly identity: EbayIdentityClient,
    private readonly accounts: AccountsService,
    private readonly users: UsersService,
    private readonly ebay: EbayConnection,
  ) {}

  /** A houseName another active account has is refused here, before the seller consents for nothing. */
  async start(userId: string, intent: ConnectIntent): Promise<StartedConnect> {
    if (intent.houseName !== undefined) await this.accounts.assertHouseNameFree(userId, intent.houseName);
    const { state, expiresAt } = await this.states.issue(userId, intent);
    const authorizationUrl = this.oauth.consentUrl({ state, prompt: intent.prompt === 'login' ? 'login' : undefined });
    return { authorizationUrl, state, expiresAt };
  }

  /**
   * A connect bound to the browser whose cookie holds `browserSecret` (the console): the
   * browser goes to eBay through `redirectPath`, and only it can complete the connect.
   */
  async startInBrowser(userId: string, intent: ConnectIntent, browserSecret: string): Promise<StartedBrowserConnect> {
    if (intent.houseName !== undefined) await this.accounts.assertHouseNameFree(userId, intent.houseName);
    const { state, expiresAt } = await this.states.issue(userId, intent, bindingHashOf(browserSecret));
    return { redirectPath: `${BROWSER_REDIRECT_PATH}?${new URLSearchParams({ state }).toString()}`, state, expiresAt };
  }

  /** eBay's consent URL for a browser-bound state, if this browser may use it now. */
  async consentUrlFor(state: string | undefined, browserSecret: string | undefined): Promise<string> {
    const stored = await this.states.usable(state, browserSecret);
    return this.oauth.consentUrl({ state: state as string, prompt: stored.prompt === 'login' ? 'login' : undefined });
  }

  /** Whether the state is a console's (its callback goes back to the console's page). */
  isBrowserBound(state: string | undefined): Promise<boolean | undefined> {
    return this.states.isBrowserBound(state);
  }

  /**
   * Completes a connect. `callerId` is set when the callback also carried a JWT;
   * `browserSecret` is the binding cookie's, needed by a state a browser started.
   */
  async complete(params: CallbackParams, callerId: string | undefined, browserSecret?: string): Promise<AccountView> {
    const state = await this.states.consume(params.state, callerId, browserSecret);
    // A state outlives a deactivation by up to its 10 minutes; the code is not spent for it.
    if ((await this.users.findActive(state.userId)) === null) throw new ConnectOwnerInactiveError();
    if (params.isAuthSuccessful === 'false' || params.error === 'access_denied') {
      throw new AuthorizationDeclinedError();
    }
    if (params.code === undefined || params.code === '') throw new MissingCodeError();

    const grant = await this.oauth.exchangeCode(params.code);
    const ebayUser = await this.identity.getUser(grant.accessToken);
    return this.accounts.connect(state.userId, ebayUser, grant, this.ebay.scopes, {
      houseName: state.houseName ?? undefined,
      purpose: (state.purpose as AccountPurpose | null) ?? undefined,
      marketplaceId: state.marketplaceId ?? undefined,
    });
  }
}
