import type { Request } from 'express';
import type { EbayApi } from './ebay-apis';
import { gatewayErrors } from './ebay-errors';
import type { EbayUser } from './ebay-wire.types';
import type { EmulatorState } from './emulator-state';
import type { AccessTokenGrant } from './token-store';

const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;

/**
 * The seller a REST call acts for, checked the way eBay's gateway checks it: no token →
 * 400/1002, a token it does not know or that expired → 401/1001, a token without any of
 * the endpoint's scopes (or an application token on a seller's API) → 403/1100. An accepted
 * call counts against `api`'s daily limits, or meets eBay's 429 (2001) past them.
 */
export function authorizeSeller(
  req: Request,
  acceptedScopes: readonly string[],
  state: EmulatorState,
  api: EbayApi,
): EbayUser {
  const grant = liveGrant(req, state);
  if (grant.userId === undefined || !acceptedScopes.some((scope) => grant.scopes.has(scope))) {
    throw gatewayErrors.accessDenied();
  }
  const user = state.users.findById(grant.userId);
  if (user === undefined) throw gatewayErrors.invalidAccessToken();
  state.usage.record(api, grant.clientId, user.userId);
  return user;
}

/**
 * An application token's grant, checked as eBay's gateway checks one for an API that wants
 * client credentials (Notification public keys, Key Management, getRateLimits): no token →
 * 400/1002, unknown or expired → 401/1001, a user token or one without the scope → 403/1100.
 * An accepted call counts against `api`'s daily limits for the app.
 */
export function authorizeApplication(
  req: Request,
  acceptedScope: string,
  state: EmulatorState,
  api: EbayApi,
): AccessTokenGrant {
  const grant = liveGrant(req, state);
  if (grant.kind !== 'application' || !grant.scopes.has(acceptedScope)) throw gatewayErrors.accessDenied();
  state.usage.record(api, grant.clientId, undefined);
  return grant;
}

function liveGrant(req: Request, state: EmulatorState): AccessTokenGrant {
  const header = req.headers.authorization?.trim() ?? '';
  if (header === '' || /^Bearer$/i.test(header)) throw gatewayErrors.missingAccessToken();
  const token = BEARER.exec(header)?.[1];
  const grant = token === undefined ? undefined : state.tokens.findAccessToken(token);
  if (grant === undefined || grant.expiresAtMs <= state.clock.nowMs()) throw gatewayErrors.invalidAccessToken();
  return grant;
}
