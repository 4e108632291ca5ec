import type { IncomingMessage } from 'node:http';

/** A request whose body bytes were kept as they arrived (Nest's RawBodyRequest spells it the same). */
export type WithRawBody<T> = T & { rawBody?: Buffer };

/**
 * A JSON parser `verify` hook that keeps the body's bytes on the request, for the given paths
 * only: a signature is checked over the bytes eBay sent, which re-serialising the parsed body
 * need not reproduce. Everywhere else the parsed body alone is kept, as before. Paths compare
 * as Express routes them (case and one trailing slash aside).
 */
export function keepRawBodyFor(paths: readonly string[]): (request: IncomingMessage, body: Buffer) => void {
  const wanted = new Set(paths.map(normalisedPath));
  return (request, body) => {
    if (wanted.has(normalisedPath(request.url ?? ''))) (request as WithRawBody<IncomingMessage>).rawBody = body;
  };
}

function normalisedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return (path.length > 1 ? path.replace(/\/$/, '') : path).toLowerCase();
}
