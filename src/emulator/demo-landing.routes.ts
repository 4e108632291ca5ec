import { type Request, Router } from 'express';
import { CONTROL_PREFIX } from './control.routes';
import type { EndpointContext } from './ebay-endpoint';
import { DEFAULT_EMULATOR_APP, type EmulatorRuName } from './emulator-options';
import { escapeHtml } from './html-escape';
import { originOf, searchParamsOf } from './http-request';
import { TOKEN_PATH } from './token.routes';

/**
 * A landing page for the standalone emulator's demo RuName, so a person can click through
 * consent with nothing else running and see what an app's callback would receive.
 */
export const DEMO_LANDING_PATH = `${CONTROL_PREFIX}/landing`;
export const DEMO_RUNAME_NAME = 'EbayConnect-Emulator-Demo';

export function demoRuName(baseUrl: string): EmulatorRuName {
  const landing = `${baseUrl}${DEMO_LANDING_PATH}`;
  return { ruName: DEMO_RUNAME_NAME, acceptUrl: landing, declineUrl: landing };
}

export function demoLandingRoutes(context: EndpointContext): Router {
  const router = Router();
  router.get(DEMO_LANDING_PATH, (req, res) => {
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.type('html').send(renderLanding(req, originOf(req, context.baseUrlOf('api'))));
  });
  return router;
}

function renderLanding(req: Request, origin: string): string {
  const params = searchParamsOf(req);
  const rows = [...params]
    .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td><code>${escapeHtml(value)}</code></td></tr>`)
    .join('');
  const code = params.get('code');
  const exchange =
    code === null
      ? '<p>The seller declined: no code to exchange.</p>'
      : `<p>Exchange the code (it lives ${escapeHtml(params.get('expires_in') ?? '?')} s):</p><pre>${escapeHtml(
          [
            `curl -s -u '${DEFAULT_EMULATOR_APP.clientId}:${DEFAULT_EMULATOR_APP.clientSecret}' \\`,
            `  -d grant_type=authorization_code -d redirect_uri=${DEMO_RUNAME_NAME} \\`,
            `  --data-urlencode 'code=${code}' \\`,
            `  ${origin}${TOKEN_PATH}`,
          ].join('\n'),
        )}</pre>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>eBay emulator · callback</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto}th{text-align:left;padding-right:1rem}
code,pre{word-break:break-all;white-space:pre-wrap}</style></head>
<body><h1>What the RuName's URL received</h1><table>${rows}</table>${exchange}</body></html>
`;
}
