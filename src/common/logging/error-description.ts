import { types } from 'node:util';

/**
 * The parts of an error that may be logged. Errors carry more than their message: TypeORM's
 * QueryFailedError holds the query's parameters (a password hash, a token ciphertext), and
 * PostgreSQL's `detail` repeats the failing row ("Failing row contains (…)"). Only these named
 * fields survive; everything else on an error is dropped.
 */
const LOGGABLE_FIELDS = ['code', 'errno', 'constraint', 'table', 'column', 'schema', 'routine', 'status'] as const;
const MAX_QUERY_LENGTH = 500;
const MAX_NESTING = 3;

export interface ErrorDescription {
  readonly type: string;
  readonly message: string;
  readonly stack?: string;
  readonly query?: string;
  readonly cause?: ErrorDescription;
  readonly driverError?: ErrorDescription;
  readonly [field: string]: unknown;
}

export function describeError(error: Error, nesting = 0): ErrorDescription {
  const source = error as unknown as Record<string, unknown>;
  // No prototype: pino's error serializer then names it by `name`, not as an "Object".
  const description: Record<string, unknown> = Object.assign(Object.create(null) as object, {
    type: error.name,
    name: error.name,
    message: error.message,
    stack: error.stack,
  });
  for (const field of LOGGABLE_FIELDS) {
    const value = source[field];
    if (typeof value === 'string' || typeof value === 'number') description[field] = value;
  }
  // The SQL text has placeholders ($1), never values; the values are in `parameters`, dropped.
  if (typeof source.query === 'string') description.query = source.query.slice(0, MAX_QUERY_LENGTH);
  if (nesting < MAX_NESTING) {
    for (const field of ['cause', 'driverError'] as const) {
      const inner = source[field];
      if ((inner instanceof Error || types.isNativeError(inner)) && inner !== error) {
        description[field] = describeError(inner, nesting + 1);
      }
    }
  }
  return description as ErrorDescription;
}
