import type { Request } from 'express';
import { Router } from 'express';
import { authorizeApplication, authorizeSeller } from './bearer-auth';
import { EBAY_API_LIST, EBAY_APIS, type EbayApi } from './ebay-apis';
import { ebayEndpoint, type EndpointContext } from './ebay-endpoint';
import { SCOPES, USER_SCOPES } from './ebay-scopes';
import { searchParamsOf } from './http-request';
import { restErrorHandler } from './rest-error-handler';

/** Developer Analytics, on the api host. */
export const RATE_LIMIT_PATH = '/developer/analytics/v1_beta/rate_limit/';
export const USER_RATE_LIMIT_PATH = '/developer/analytics/v1_beta/user_rate_limit/';

// getUserRateLimits takes a user token with any of the scopes a seller can grant.
const ANY_USER_SCOPE: readonly string[] = [...USER_SCOPES];

/**
 * getRateLimits (an application token: the app's calls) and getUserRateLimits (a user token:
 * that seller's calls), each counting the calls this emulator served today, the call itself
 * included, against each API's daily limit.
 */
export function analyticsRoutes(context: EndpointContext): Router {
  const { state } = context;
  const router = Router();
  const endpoint = ebayEndpoint('rateLimits', context);

  router.get(RATE_LIMIT_PATH, endpoint, (req, res) => {
    const grant = authorizeApplication(req, SCOPES.public, state, EBAY_APIS.analytics);
    res.json({ rateLimits: state.usage.appRateLimits(grant.clientId, apisAskedFor(req)) });
  });
  router.get(USER_RATE_LIMIT_PATH, endpoint, (req, res) => {
    const seller = authorizeSeller(req, ANY_USER_SCOPE, state, EBAY_APIS.analytics);
    res.json({ rateLimits: state.usage.userRateLimits(seller.userId, apisAskedFor(req)) });
  });

  router.use(RATE_LIMIT_PATH, restErrorHandler);
  router.use(USER_RATE_LIMIT_PATH, restErrorHandler);
  return router;
}

/** `api_context` and `api_name` narrow the list, case aside; a value matching nothing leaves it empty. */
function apisAskedFor(req: Request): EbayApi[] {
  const query = searchParamsOf(req);
  const context = query.get('api_context')?.toLowerCase();
  const name = query.get('api_name')?.toLowerCase();
  return EBAY_API_LIST.filter(
    (api) =>
      (context === undefined || api.apiContext === context) && (name === undefined || api.apiName.toLowerCase() === name),
  );
}
