import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response, Router, static as serveStatic } from 'express';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { DomainError } from './common/errors/domain.error';

/**
 * The pages of the console's client-side router: a browser that reloads or opens a link to one
 * gets index.html, and the console shows the page. Anything else outside /api stays a JSON 404.
 */
export const CONSOLE_ROUTES = ['/', '/login', '/connect', '/connect/callback', '/accounts/:id'] as const;

/** Vite names every asset by its content hash, so a URL under /assets never changes meaning. */
const ASSET_MAX_AGE = '365d';

export class ConsoleNotBuiltError extends DomainError {
  readonly kind = 'unavailable';
  override readonly code = 'console_not_built';
  constructor() {
    super('The admin console is not built: run npm run build (it writes dist/web), then restart the service');
  }
}

/**
 * Serves the admin console (web/, built into `dir`) at `/`: its hashed assets cached for good,
 * index.html never without asking again, so a new build is picked up on the next load. Only GET
 * and HEAD of the console's own paths are answered here; /api, /docs, /health and /metrics
 * never reach it.
 */
export function serveConsole(app: NestExpressApplication, dir: string): void {
  const filter = app.get(AllExceptionsFilter);
  const index = join(dir, 'index.html');
  const router = Router();

  router.use(
    '/assets',
    serveStatic(join(dir, 'assets'), { index: false, immutable: true, maxAge: ASSET_MAX_AGE, fallthrough: true }),
  );
  router.get([...CONSOLE_ROUTES], (request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index, (error?: Error) => {
      if (error === undefined) return;
      if (!isMissingFile(error) || response.headersSent) {
        next(error);
        return;
      }
      response.removeHeader('Cache-Control');
      filter.respond(new ConsoleNotBuiltError(), request, response);
    });
  });
  app.use(router);
}

function isMissingFile(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
