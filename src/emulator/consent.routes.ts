import { type ErrorRequestHandler, type Response, Router } from 'express';
import { renderConsentPage } from './consent-page.html';
import { ebayEndpoint, type EndpointContext } from './ebay-endpoint';
import { parseScopeList, USER_SCOPES } from './ebay-scopes';
import type { EmulatorRuName } from './emulator-options';
import type { EmulatorState } from './emulator-state';
import { searchParamsOf } from './http-request';
import { ConsentError, consentErrors } from './oauth-errors';

/** The consent page, on the auth host in production. */
export const AUTHORIZE_PATH = '/oauth2/authorize';

/** eBay's consent parameters, carried through the page's form. */
const CONSENT_PARAMS = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'prompt', 'locale'];

interface ConsentRequest {
  readonly clientId: string;
  readonly ruName: EmulatorRuName;
  readonly scopes: readonly string[];
  readonly state: string | null;
}

/**
 * GET /oauth2/authorize: checks the request as eBay does, then either shows the page (a
 * person) or, with emulator_user and emulator_action, answers the redirect at once (a test).
 * prompt=login needs nothing more: there is no session, so the seller picker always shows.
 */
export function consentRoutes(context: EndpointContext): Router {
  const emulator = context.state;
  const router = Router();
  router.get(AUTHORIZE_PATH, ebayEndpoint('authorize', context), (req, res) => {
    const params = searchParamsOf(req);
    const consent = validateConsentRequest(params, emulator);
    const action = params.get('emulator_action');
    const username = params.get('emulator_user') ?? '';
    if (action === null) {
      res.setHeader('Cache-Control', 'no-store');
      // Inline styles only; the page needs no script at all.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      res.type('html').send(
        renderConsentPage({
          clientId: consent.clientId,
          scopes: consent.scopes,
          users: emulator.users.list(),
          carriedParams: CONSENT_PARAMS.flatMap((name) => {
            const value = params.get(name);
            return value === null ? [] : [[name, value] as const];
          }),
          selectedUsername: username === '' ? undefined : username,
        }),
      );
      return;
    }
    if (action === 'decline') {
      redirect(res, consent.ruName.declineUrl, [...stateParam(consent), ['isAuthSuccessful', 'false']]);
      return;
    }
    if (action !== 'approve') throw consentErrors.invalidRequest('emulator_action must be approve or decline.');
    const user = emulator.users.findByUsername(username);
    if (user === undefined) {
      throw consentErrors.invalidRequest(`emulator_user "${username}" is not a test user of this emulator.`);
    }
    const code = emulator.tokens.issueCode({
      clientId: consent.clientId,
      ruName: consent.ruName.ruName,
      userId: user.userId,
      scopes: consent.scopes,
      expiresAtMs: emulator.clock.nowMs() + emulator.settings.authorizationCodeTtlSeconds * 1000,
    });
    redirect(res, consent.ruName.acceptUrl, [
      ...stateParam(consent),
      ['code', code.code],
      ['expires_in', String(emulator.settings.authorizationCodeTtlSeconds)],
    ]);
  });
  router.use(AUTHORIZE_PATH, consentErrorHandler);
  return router;
}

function validateConsentRequest(params: URLSearchParams, emulator: EmulatorState): ConsentRequest {
  const clientId = params.get('client_id') ?? '';
  if (emulator.apps.find(clientId) === undefined) throw consentErrors.invalidRequest();
  // redirect_uri is a RuName registered for this app, never a URL.
  const ruName = emulator.apps.findRuName(clientId, params.get('redirect_uri') ?? '');
  if (ruName === undefined) throw consentErrors.invalidRequest();
  if (params.get('response_type') !== 'code') throw consentErrors.invalidRequest();
  const scopes = parseScopeList(params.get('scope') ?? '');
  if (scopes.length === 0 || scopes.some((scope) => !USER_SCOPES.has(scope))) throw consentErrors.invalidScope();
  return { clientId, ruName, scopes, state: params.get('state') };
}

function stateParam(consent: ConsentRequest): [string, string][] {
  return consent.state === null ? [] : [['state', consent.state]];
}

/** 302 to a RuName URL; every value is URL-encoded exactly once (the code's ^ and # included). */
function redirect(res: Response, target: string, params: ReadonlyArray<readonly [string, string]>): void {
  const url = new URL(target);
  for (const [name, value] of params) url.searchParams.set(name, value);
  res.status(302).setHeader('Location', url.href).end();
}

const consentErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (!(error instanceof ConsentError)) {
    next(error);
    return;
  }
  res.status(error.status).json(error.body);
};
