import type { Request } from 'express';

/** The route label of a request that matched no route, or was refused before routing. */
export const UNMATCHED_ROUTE = 'unmatched';

interface ExpressRoute {
  readonly path?: unknown;
  readonly methods?: Readonly<Record<string, boolean>>;
}

/**
 * The route template a request matched (`/api/ebay-accounts/:id`), never its URL: a label value
 * per id, or per random URL of a scanner, would grow the metrics without bound. Nest registers
 * its routes on the Express app itself, with the global prefix, so the template is complete.
 * Each of them answers one method. Nest answers unknown paths from catch-all routes of its own
 * (`*path` under the prefix, and every path excluded from it) that answer every method; a
 * request that reached one of those matched nothing.
 */
export function routeLabel(request: Request): string {
  const route = request.route as ExpressRoute | undefined;
  const methods = Object.keys(route?.methods ?? {});
  if (typeof route?.path !== 'string' || methods.length !== 1 || methods[0] === '_all') return UNMATCHED_ROUTE;
  return route.path;
}
