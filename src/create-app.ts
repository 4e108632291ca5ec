import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { type AppModuleOptions, AppModule } from './app.module';
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
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use(helmet());
  if (settings.corsOrigins.length > 0) {
    app.enableCors({
      origin: settings.corsOrigins.includes('*') ? true : [...settings.corsOrigins],
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    });
  }
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.ALL },
      { path: 'health/*path', method: RequestMethod.ALL },
    ],
  });
  setupOpenApi(app);
  await app.init();
  return app;
}
