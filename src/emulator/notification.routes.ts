import { Router } from 'express';
import { authorizeApplication } from './bearer-auth';
import { EBAY_APIS } from './ebay-apis';
import { ebayEndpoint, type EndpointContext } from './ebay-endpoint';
import { notificationErrors } from './ebay-errors';
import { SCOPES } from './ebay-scopes';
import { restErrorHandler } from './rest-error-handler';

/** Notification getPublicKey, on the api host; followed by the key id. */
export const PUBLIC_KEY_PATH = '/commerce/notification/v1/public_key/';

export function notificationRoutes(context: EndpointContext): Router {
  const router = Router();
  router.get(`${PUBLIC_KEY_PATH}:kid`, ebayEndpoint('publicKey', context), (req, res) => {
    authorizeApplication(req, SCOPES.public, context.state, EBAY_APIS.notification);
    const { signer } = context.state;
    if (req.params.kid !== signer.kid) throw notificationErrors.publicKeyNotFound();
    res.json(signer.publicKeyBody());
  });
  router.use(PUBLIC_KEY_PATH, restErrorHandler);
  return router;
}
