import type { Request } from 'express';
import { gatewayErrors } from './ebay-errors';
import type { EbayUser } from './ebay-wire.types';
import type { EmulatorState } from './emulator-state';

const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;

/**
 * The seller a REST call acts for, checked the way eBay's gateway checks it: no token →
 * 400/1002, a token it does not know or that expired → 401/1001, a token without any of
 * the endpoint's scopes (or an application token on a seller's API) → 403/1100.
 */
export function authorizeSeller(req: Request, acceptedScopes: readonly string[], state: EmulatorState): EbayUser {
  const header = req.headers.authorization?.trim() ?? '';
  if (header === '' || /^Bearer$/i.test(header)) throw gatewayErrors.missingAccessToken();
  const token = BEARER.exec(header)?.[1];
  const grant = token === undefined ? undefined : state.tokens.findAccessToken(token);
  if (grant === undefined || grant.expiresAtMs <= state.clock.nowMs()) throw gatewayErrors.invalidAccessToken();
  if (grant.userId === undefined || !acceptedScopes.some((scope) => grant.scopes.has(scope))) {
    throw gatewayErrors.accessDenied();
  }
  const user = state.users.findById(grant.userId);
  if (user === undefined) throw gatewayErrors.invalidAccessToken();
  return user;
}

/**
 * An application token's grant, checked as eBay's gateway checks one for an API that wants
 * client credentials (the Notification API's public keys): no token → 400/1002, unknown or
 * expired → 401/1001, a user token or one without the scope → 403/1100.
 */
export function authorizeApplication(req: Request, acceptedScope: string, state: EmulatorState): void {
  const header = req.headers.authorization?.trim() ?? '';
  if (header === '' || /^Bearer$/i.test(header)) throw gatewayErrors.missingAccessToken();
  const token = BEARER.exec(header)?.[1];
  const grant = token === undefined ? undefined : state.tokens.findAccessToken(token);
  if (grant === undefined || grant.expiresAtMs <= state.clock.nowMs()) throw gatewayErrors.invalidAccessToken();
  if (grant.kind !== 'application' || !grant.scopes.has(acceptedScope)) throw gatewayErrors.accessDenied();
}
