import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { analyticsRoutes } from './analytics.routes';
import { consentRoutes } from './consent.routes';
import { CONTROL_PREFIX, controlRoutes } from './control.routes';
import { demoLandingRoutes } from './demo-landing.routes';
import { gatewayErrors } from './ebay-errors';
import type { EndpointContext } from './ebay-endpoint';
import { hostOf, isServedOn } from './ebay-hosts';
import { financesRoutes } from './finances.routes';
import { fulfillmentRoutes } from './fulfillment.routes';
import { identityRoutes } from './identity.routes';
import { inventoryRoutes } from './inventory.routes';
import { keyManagementRoutes } from './key-management.routes';
import { notificationRoutes } from './notification.routes';
import { refundRoutes } from './refund.routes';
import { tokenRoutes } from './token.routes';

/**
 * One Express application behind both of the emulator's ports (api, which also serves the auth
 * host's consent page, and apiz); each path is answered only on the host eBay serves it on.
 */
export function createEmulatorHttpApp(context: EndpointContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Routes read the raw query with URLSearchParams, so eBay's filter syntax arrives untouched.
  app.set('query parser', false);
  app.use(requestLog(context.log));
  app.use(wrongHostIsNotFound);
  app.use(consentRoutes(context));
  app.use(tokenRoutes(context));
  app.use(identityRoutes(context));
  app.use(fulfillmentRoutes(context));
  app.use(refundRoutes(context));
  app.use(financesRoutes(context));
  app.use(inventoryRoutes(context));
  app.use(analyticsRoutes(context));
  app.use(keyManagementRoutes(context));
  app.use(notificationRoutes(context));
  app.use(demoLandingRoutes(context));
  app.use(CONTROL_PREFIX, controlRoutes(context));
  app.use(((_req, res) => {
    const notFound = gatewayErrors.resourceNotFound();
    res.status(notFound.status).json(notFound.body);
  }) satisfies RequestHandler);
  app.use(lastResort(context.log));
  return app;
}

/** eBay's gateway knows no such resource on this host: the same 404 as an unknown path. */
const wrongHostIsNotFound: RequestHandler = (req, res, next) => {
  if (isServedOn(hostOf(req), req.path)) {
    next();
    return;
  }
  const notFound = gatewayErrors.resourceNotFound();
  res.status(notFound.status).json(notFound.body);
};

function requestLog(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const startedAt = performance.now();
    // Read now: routers rewrite req.url for their mount point while they run.
    const { method, path } = req;
    const host = hostOf(req);
    res.on('close', () => {
      const outcome = res.writableFinished ? String(res.statusCode) : 'connection closed';
      log(`${method} ${host} ${path} ${outcome} ${Math.round(performance.now() - startedAt)}ms`);
    });
    next();
  };
}

/** A bug in the emulator: eBay's "internal error" to the client, the stack to the log. */
function lastResort(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    log(`error in ${req.method} ${req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (res.headersSent) {
      res.socket?.destroy();
      return;
    }
    const internal = gatewayErrors.internalError();
    res.status(internal.status).json(internal.body);
  };
}
