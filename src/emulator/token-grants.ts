import { APPLICATION_SCOPES, parseScopeList } from './ebay-scopes';
import type { EmulatorApp } from './emulator-options';
import type { EmulatorState } from './emulator-state';
import { tokenErrors } from './oauth-errors';

/** The token endpoint's 200 body, key for key as eBay sends it. */
export interface TokenResponseBody {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  token_type: 'User Access Token' | 'Application Access Token';
}

/** The three grants eBay's token endpoint serves, for an already authenticated client. */
export class TokenGrants {
  constructor(private readonly state: EmulatorState) {}

  exchange(app: EmulatorApp, form: URLSearchParams): TokenResponseBody {
    const grantType = single(form, 'grant_type');
    switch (grantType) {
      case 'authorization_code':
        return this.authorizationCode(app, form);
      case 'refresh_token':
        return this.refreshToken(app, form);
      case 'client_credentials':
        return this.clientCredentials(app, form);
      case undefined:
        throw tokenErrors.invalidRequest();
      default:
        throw tokenErrors.unsupportedGrantType();
    }
  }

  private authorizationCode(app: EmulatorApp, form: URLSearchParams): TokenResponseBody {
    const { tokens, settings } = this.state;
    const code = required(form, 'code');
    const redirectUri = required(form, 'redirect_uri');
    const nowMs = this.state.clock.nowMs();
    const grant = tokens.findCode(code);
    // Used, expired, another app's, or sent with another RuName: eBay gives one answer to all.
    if (
      grant === undefined ||
      grant.clientId !== app.clientId ||
      grant.expiresAtMs <= nowMs ||
      grant.ruName !== redirectUri
    ) {
      throw tokenErrors.invalidCode();
    }
    tokens.consumeCode(code);
    const refresh = tokens.issueRefreshToken({
      clientId: app.clientId,
      userId: grant.userId,
      scopes: grant.scopes,
      expiresAtMs: nowMs + settings.refreshTokenTtlSeconds * 1000,
    });
    return {
      access_token: this.userAccessToken(app, grant.userId, grant.scopes, nowMs),
      expires_in: settings.accessTokenTtlSeconds,
      refresh_token: refresh.token,
      refresh_token_expires_in: settings.refreshTokenTtlSeconds,
      token_type: 'User Access Token',
    };
  }

  private refreshToken(app: EmulatorApp, form: URLSearchParams): TokenResponseBody {
    const { tokens, settings } = this.state;
    const token = required(form, 'refresh_token');
    const nowMs = this.state.clock.nowMs();
    const grant = tokens.findRefreshToken(token);
    // Revoked tokens are deleted, so revoked, made up and expired all meet the same answer.
    if (grant === undefined || grant.clientId !== app.clientId || grant.expiresAtMs <= nowMs) {
      throw tokenErrors.invalidRefreshToken();
    }
    const scope = single(form, 'scope');
    // Without a scope the new token carries everything consented, as eBay's does.
    const requested = scope === undefined ? grant.scopes : parseScopeList(scope);
    if (requested.length === 0 || requested.some((wanted) => !grant.scopes.includes(wanted))) {
      throw tokenErrors.invalidScope();
    }
    const body: TokenResponseBody = {
      access_token: this.userAccessToken(app, grant.userId, requested, nowMs),
      expires_in: settings.accessTokenTtlSeconds,
      token_type: 'User Access Token',
    };
    if (!settings.rotateRefreshTokens) return body;
    tokens.revokeRefreshToken(token);
    const rotated = tokens.issueRefreshToken({
      clientId: grant.clientId,
      userId: grant.userId,
      scopes: grant.scopes,
      expiresAtMs: nowMs + settings.refreshTokenTtlSeconds * 1000,
    });
    return { ...body, refresh_token: rotated.token, refresh_token_expires_in: settings.refreshTokenTtlSeconds };
  }

  private clientCredentials(app: EmulatorApp, form: URLSearchParams): TokenResponseBody {
    const { tokens, settings, clock } = this.state;
    const scopes = parseScopeList(required(form, 'scope'));
    if (scopes.length === 0 || scopes.some((scope) => !APPLICATION_SCOPES.has(scope))) throw tokenErrors.invalidScope();
    const grant = tokens.issueAccessToken({
      kind: 'application',
      clientId: app.clientId,
      scopes: new Set(scopes),
      expiresAtMs: clock.nowMs() + settings.accessTokenTtlSeconds * 1000,
    });
    return {
      access_token: grant.token,
      expires_in: settings.accessTokenTtlSeconds,
      token_type: 'Application Access Token',
    };
  }

  private userAccessToken(app: EmulatorApp, userId: string, scopes: readonly string[], nowMs: number): string {
    return this.state.tokens.issueAccessToken({
      kind: 'user',
      clientId: app.clientId,
      userId,
      scopes: new Set(scopes),
      expiresAtMs: nowMs + this.state.settings.accessTokenTtlSeconds * 1000,
    }).token;
  }
}

/** A parameter sent at most once; RFC 6749 forbids repeating one. */
function single(form: URLSearchParams, name: string): string | undefined {
  const values = form.getAll(name);
  if (values.length > 1) throw tokenErrors.invalidRequest();
  return values[0];
}

function required(form: URLSearchParams, name: string): string {
  const value = single(form, name);
  if (value === undefined || value === '') throw tokenErrors.invalidRequest();
  return value;
}
