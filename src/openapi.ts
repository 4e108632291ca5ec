import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { ServeStaticOptions } from '@nestjs/platform-express/interfaces/serve-static-options.interface';
import type * as Swagger from '@nestjs/swagger';
import { type NextFunction, type Request, type Response, Router } from 'express';
import { applyOpenApiDecorators } from './common/openapi/openapi-decorators';
import { addSharedResponses } from './openapi-shared-responses';

export const DOCS_PATH = 'docs';

/** The OpenAPI document of every /api route, as frontends and generators consume it. */
export function buildOpenApiDocument(app: INestApplication, swagger: typeof Swagger): Swagger.OpenAPIObject {
  applyOpenApiDecorators(swagger);
  const config = new swagger.DocumentBuilder()
    .setTitle('ebay-connect')
    .setDescription(
      'Connect any number of eBay seller accounts through OAuth 2.0; the service keeps their ' +
        'tokens valid and calls eBay on their behalf. Every error answers ' +
        '`{statusCode, error, message, requestId}`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return addSharedResponses(
    swagger.SwaggerModule.createDocument(app, config, {
      operationIdFactory: (controllerKey: string, methodKey: string) =>
        `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
    }),
  );
}

/**
 * Swagger UI at /docs, the document at /docs-json (and -yaml), served by SwaggerModule as
 * always, but set up at the first request under /docs: until then @nestjs/swagger is not
 * even loaded (src/common/openapi/openapi-decorators.ts says why). The routes live on a
 * router that sits where SwaggerModule.setup used to put them, before the API's routes and
 * the JSON 404; the document is built once, on the first request that needs it.
 */
export function setupOpenApi(app: NestExpressApplication): void {
  let docs: Promise<Router> | undefined;
  const prefix = `/${DOCS_PATH}`;
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!request.path.startsWith(prefix)) {
      next();
      return;
    }
    docs ??= docsRouter(app);
    docs.then(
      (router) => router(request, response, next),
      (error: unknown) => next(error),
    );
  });
}

async function docsRouter(app: NestExpressApplication): Promise<Router> {
  const swagger = await import('@nestjs/swagger');
  const router = Router();
  swagger.SwaggerModule.setup(DOCS_PATH, routerAsApp(router), () => buildOpenApiDocument(app, swagger), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    swaggerOptions: { persistAuthorization: true },
  });
  return router;
}

/**
 * What SwaggerModule.setup uses of an application (its HTTP adapter, for routes, and
 * useStaticAssets, for Swagger UI's files), over a router: Express's own adapter, given the
 * router instead of an app.
 */
function routerAsApp(router: Router): INestApplication {
  const adapter = new ExpressAdapter(router);
  const app: Pick<NestExpressApplication, 'getHttpAdapter' | 'useStaticAssets'> = {
    getHttpAdapter: () => adapter,
    useStaticAssets(pathOrOptions: string | ServeStaticOptions, options: ServeStaticOptions = {}) {
      if (typeof pathOrOptions !== 'string') throw new Error('SwaggerModule serves Swagger UI from a folder path');
      adapter.useStaticAssets(pathOrOptions, options);
      return app as NestExpressApplication;
    },
  };
  return app as NestExpressApplication;
}
