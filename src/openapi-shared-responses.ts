import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  requestBody?: unknown;
  parameters?: unknown[];
  responses: Record<string, Response>;
};
type Response = { description: string; content?: unknown; headers?: Record<string, unknown> };

const ERROR_BODY = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } };
const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } },
};
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const BODY_METHODS = new Set<string>(['put', 'post', 'patch']);

/**
 * Answers every operation can give whatever its handler does, because they come from the
 * layers in front of it (create-app.ts, request-limits.ts, body-sanity.ts, the exception
 * filter): documented once here rather than on each route, so a new route is described
 * exactly without remembering them. Route decorators still say their own answers.
 */
export function addSharedResponses(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (operation === undefined) continue;
      addError(operation, '414', 'The URL is longer than 8 kB');
      addError(operation, '431', 'The request headers are too large');
      if (path.startsWith('/api/')) {
        addError(operation, '503', 'code database_unavailable: the database cannot answer right now; see Retry-After');
      }
      // Every POST, PUT and PATCH body is read and checked, whether the route takes one or not.
      if (BODY_METHODS.has(method)) {
        addError(operation, '400', 'Malformed JSON, JSON nested over 20 levels, a __proto__/constructor/prototype key, text that is not valid Unicode, or a body the validation refuses');
        addError(operation, '413', 'The body is larger than 100 kB');
        addError(operation, '415', 'The body is not application/json, or not in UTF-8');
      } else if ((operation.parameters?.length ?? 0) > 0) {
        addError(operation, '400', 'A parameter the validation refuses');
      }
      for (const status of ['429', '503']) {
        const response = operation.responses[status];
        if (response !== undefined) response.headers = { ...RETRY_AFTER, ...response.headers };
      }
    }
  }
  return document;
}

/** Adds the error answer, or, for a 503 documented for another reason, adds this reason to it. */
function addError(operation: Operation, status: string, description: string): void {
  const existing = operation.responses[status];
  if (existing === undefined) {
    operation.responses[status] = { description, content: ERROR_BODY };
  } else if (status === '503' && !existing.description.includes('database_unavailable')) {
    existing.description = `${existing.description}; or ${description}`;
  }
}
