import { Router } from 'express';
import { authorizeSeller } from './bearer-auth';
import { EBAY_APIS } from './ebay-apis';
import { ebayEndpoint, type EndpointContext } from './ebay-endpoint';
import { SCOPES } from './ebay-scopes';
import type { EbayUser } from './ebay-wire.types';
import { restErrorHandler } from './rest-error-handler';

/** Identity getUser, served on the apiz host in production. */
export const IDENTITY_USER_PATH = '/commerce/identity/v1/user/';

export function identityRoutes(context: EndpointContext): Router {
  const router = Router();
  router.get(IDENTITY_USER_PATH, ebayEndpoint('identity', context), (req, res) => {
    const user = authorizeSeller(req, [SCOPES.identity], context.state, EBAY_APIS.identity);
    const body: EbayUser = {
      userId: user.userId,
      username: user.username,
      accountType: user.accountType,
      registrationMarketplaceId: user.registrationMarketplaceId,
      status: user.status,
    };
    res.json(body);
  });
  router.use(IDENTITY_USER_PATH, restErrorHandler);
  return router;
}
