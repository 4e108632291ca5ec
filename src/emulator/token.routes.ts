import { type ErrorRequestHandler, type Request, type RequestHandler, Router } from 'express';
import { parseBasicCredentials } from './basic-auth';
import { ebayEndpoint, type EndpointContext } from './ebay-endpoint';
import { BodyTooLargeError, hasMediaType, readBody } from './http-request';
import { TokenEndpointError, tokenErrors } from './oauth-errors';
import { TokenGrants } from './token-grants';

/** The token endpoint, on the api host in production. */
export const TOKEN_PATH = '/identity/v1/oauth2/token';

const FORM = 'application/x-www-form-urlencoded';
const BODY_LIMIT_BYTES = 64 * 1024;

export function tokenRoutes(context: EndpointContext): Router {
  const grants = new TokenGrants(context.state);
  // The parsed form of each request, read before the endpoint gate so stats and faults can
  // tell a refresh from a code exchange. Keyed weakly: it goes when the request does.
  const forms = new WeakMap<Request, URLSearchParams>();

  const readForm: RequestHandler = async (req, _res, next) => {
    try {
      const body = await readBody(req, BODY_LIMIT_BYTES);
      if (hasMediaType(req, FORM)) forms.set(req, new URLSearchParams(body));
    } catch (error) {
      // An oversized body is simply not a form: the handler answers invalid_request.
      if (!(error instanceof BodyTooLargeError)) throw error;
    }
    next();
  };

  const router = Router();
  router.post(
    TOKEN_PATH,
    readForm,
    ebayEndpoint('token', context, (req) => forms.get(req)?.get('grant_type') ?? undefined),
    (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Pragma', 'no-cache');
      const credentials = parseBasicCredentials(req.headers.authorization);
      const app = credentials && context.state.apps.authenticate(credentials.clientId, credentials.clientSecret);
      if (app === undefined) throw tokenErrors.invalidClient();
      const form = forms.get(req);
      if (form === undefined) throw tokenErrors.invalidRequest();
      res.json(grants.exchange(app, form));
    },
  );
  router.use(TOKEN_PATH, tokenErrorHandler);
  return router;
}

const tokenErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (error instanceof TokenEndpointError) {
    res.status(error.status).json(error.body);
    return;
  }
  next(error);
};
