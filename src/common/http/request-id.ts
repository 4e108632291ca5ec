import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

type RequestWithId = IncomingMessage & { id?: unknown };

/**
 * The request's id: the caller's X-Request-Id when it looks like one (so traces join up
 * across services), otherwise a new UUID. Echoed in the response header.
 */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const existing = (request as RequestWithId).id;
  if (typeof existing === 'string') return existing;
  const header = request.headers['x-request-id'];
  const id = typeof header === 'string' && ACCEPTABLE_ID.test(header) ? header : randomUUID();
  (request as RequestWithId).id = id;
  if (!response.headersSent) response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
