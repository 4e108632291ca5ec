import { NotFoundException, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ACCOUNT_DELETION_PATH } from './account-deletion/account-deletion.controller';
import { type AppModuleOptions, AppModule } from './app.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { refuseUnsafeBody } from './common/http/body-sanity';
import { serveConsole } from './console-static';
import { refuseDeepJson } from './common/http/json-depth';
import { keepRawBodyFor } from './common/http/raw-body';
import { answerClientErrorsInJson, isJsonBody, requestLimits } from './common/http/request-limits';
import { isProxiedRequest } from './ebay-proxy/proxy-route';
import { installMetrics } from './metrics/metrics-endpoint';
import { setupOpenApi } from './openapi';

export const API_PREFIX = 'api';
const BODY_LIMIT = '100kb';

/**
 * Builds the HTTP application exactly as production runs it; main.ts and the e2e tests both
 * start from here. It is initialised (database connected, migrations applied) but not
 * listening yet.
 */
export async function createApp(options: AppModuleOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bufferLogs: true,
    abortOnError: false,
    // Registered below with our size limit.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const { app: settings } = options.configuration;
  app.set('trust proxy', settings.trustProxyHops);
  app.disable('x-powered-by');
  // First, so the requests the checks below refuse are counted too.
  installMetrics(app);
  app.use(helmet());
  // Before the request checks, so a browser also reads the refusals (413, 415…) they answer.
  if (settings.corsOrigins.length > 0) {
    app.enableCors({
      origin: settings.corsOrigins.includes('*') ? true : [...settings.corsOrigins],
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    });
  }
  answerClientErrorsInJson(app.getHttpServer() as Server);
  app.use(requestLimits(isProxiedRequest));
  // Express's own parser (Nest's useBodyParser keeps `verify` for itself), for bodies of the
  // methods that take one; then the parsed body's keys and text are checked. eBay's signed
  // notifications also keep their bytes, which the signature covers.
  const keepRawBody = keepRawBodyFor([`/${API_PREFIX}/${ACCOUNT_DELETION_PATH}`]);
  app.use(
    json({
      limit: BODY_LIMIT,
      verify: (request, response, body) => {
        refuseDeepJson(request, response, body);
        keepRawBody(request, body);
      },
      // The proxy reads its bodies itself, as bytes (any content type, up to its own limit).
      type: (request) => isJsonBody(request) && !isProxiedRequest(request),
    }),
  );
  app.use(refuseUnsafeBody);
  // Every API answer is about one organisation's accounts: no proxy or browser may keep it.
  app.use(`/${API_PREFIX}`, (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.ALL },
      { path: 'health/*path', method: RequestMethod.ALL },
    ],
  });
  setupOpenApi(app);
  serveConsole(app, settings.consoleDir);
  await app.init();
  answerTheRestInJson(app);
  return app;
}

/**
 * Nest answers unknown routes under /api only; below everything else, Express would answer
 * with HTML. These come after every route: unknown paths get the JSON 404, and any error
 * that reaches Express (a body parser's, outside /api) the JSON error body.
 */
function answerTheRestInJson(app: NestExpressApplication): void {
  const filter = app.get(AllExceptionsFilter);
  app.use((request: Request, response: Response) => {
    filter.respond(new NotFoundException(`Cannot ${request.method} ${request.path}`), request, response);
  });
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    filter.respond(error, request, response);
  });
}
