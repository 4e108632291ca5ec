import { type Request, Router } from 'express';
import { authorizeApplication } from './bearer-auth';
import { EBAY_APIS } from './ebay-apis';
import { ebayEndpoint, type EndpointContext } from './ebay-endpoint';
import { keyManagementErrors } from './ebay-errors';
import { SCOPES } from './ebay-scopes';
import { BodyTooLargeError, readBody } from './http-request';
import { restErrorHandler } from './rest-error-handler';
import { SIGNING_KEY_CIPHERS, type SigningKeyCipher } from './signing-keys';

/** Key Management's signing keys, on the apiz host. */
export const SIGNING_KEY_PATH = '/developer/key_management/v1/signing_key';

const BODY_LIMIT_BYTES = 16 * 1024;

/**
 * createSigningKey (POST), getSigningKeys (GET) and getSigningKey (GET …/{signingKeyId}), each
 * with an application token (client credentials, `api_scope`) and only ever the app's own keys.
 */
export function keyManagementRoutes(context: EndpointContext): Router {
  const { state } = context;
  const router = Router();
  const endpoint = ebayEndpoint('signingKey', context);

  router.post(SIGNING_KEY_PATH, endpoint, async (req, res) => {
    const { clientId } = authorizeApplication(req, SCOPES.public, state, EBAY_APIS.keyManagement);
    const cipher = await cipherOf(req);
    const created = await state.signingKeys.create(clientId, cipher, state.clock.nowMs());
    state.stats.recordSigningKeyCreated();
    res.json(created);
  });
  router.get(SIGNING_KEY_PATH, endpoint, (req, res) => {
    const { clientId } = authorizeApplication(req, SCOPES.public, state, EBAY_APIS.keyManagement);
    res.json({ signingKeys: state.signingKeys.list(clientId) });
  });
  router.get(`${SIGNING_KEY_PATH}/:signingKeyId`, endpoint, (req, res) => {
    const { clientId } = authorizeApplication(req, SCOPES.public, state, EBAY_APIS.keyManagement);
    const id = req.params.signingKeyId;
    const key = typeof id === 'string' ? state.signingKeys.find(clientId, id) : undefined;
    if (key === undefined) throw keyManagementErrors.keyNotFound();
    res.json(key);
  });

  router.use(SIGNING_KEY_PATH, restErrorHandler);
  return router;
}

/** `{"signingKeyCipher": "ED25519"}` or `"RSA"`; anything else is a 400. */
async function cipherOf(req: Request): Promise<SigningKeyCipher> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req, BODY_LIMIT_BYTES));
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof BodyTooLargeError) throw keyManagementErrors.invalidCipher();
    throw error;
  }
  const cipher = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).signingKeyCipher : undefined;
  const known = SIGNING_KEY_CIPHERS.find((candidate) => candidate === cipher);
  if (known === undefined) throw keyManagementErrors.invalidCipher();
  return known;
}
