import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ContractOperation, JsonSchema } from './contract-operations';

export interface ReceivedResponse {
  readonly status: number;
  readonly contentType: string | null;
  /** Marked as eBay's own answer, relayed by the proxy (x-ebay-connect-upstream). */
  readonly isUpstream: boolean;
  readonly text: string;
}

/** What no answer may ever carry: stack traces, source paths, SQL, tokens, hashes. */
const LEAKS: readonly [string, RegExp][] = [
  ['a stack trace', /\n\s+at \S/],
  ['a source path', /node_modules|\/dist\/|\/src\/[\w/-]+\.[jt]s|\.ts:\d+/],
  ['SQL', /\b(SELECT .+ FROM|INSERT INTO|UPDATE \S+ SET|DELETE FROM|QueryFailedError|duplicate key value)\b/i],
  ['an eBay token', /v\^1\.1#/],
  ['a stored token ciphertext', /v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{20,}\./],
  ['a password hash', /\$argon2/],
];
const ERROR_KEYS = new Set(['statusCode', 'error', 'message', 'requestId', 'code']);

/**
 * Holds one answer to the operation's contract: a documented status, a body that validates
 * against that status's schema, the one error shape (statusCode = HTTP status) for errors,
 * never a 500, never a leak. Answers the problems found (none: an empty list).
 */
export class ResponseChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<JsonSchema, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
  }

  check(operation: ContractOperation, response: ReceivedResponse): string[] {
    const problems: string[] = [];
    if (response.status === 500) problems.push('answered 500');
    if (response.isUpstream) {
      // eBay's answer, as eBay sent it: any status and body, but only where the document says so.
      if (!operation.relaysUpstream) problems.push('relayed an upstream answer, which the operation does not document');
      for (const [what, pattern] of LEAKS) if (pattern.test(response.text)) problems.push(`the body holds ${what}`);
      return problems;
    }
    if (!operation.responses.has(response.status)) {
      problems.push(`answered ${response.status}, which the operation does not document (${[...operation.responses.keys()].join(', ')})`);
    }
    for (const [what, pattern] of LEAKS) if (pattern.test(response.text)) problems.push(`the body holds ${what}`);
    if (response.status === 204 || response.status === 302) return problems;
    // A live stream's documented 200 is text/event-stream; its messages are the events' own test's.
    if (response.status === 200 && response.contentType?.startsWith('text/event-stream') === true) return problems;

    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      problems.push(`the body is not JSON: ${response.text.slice(0, 80)}`);
      return problems;
    }
    if (!/^application\/json\b/.test(response.contentType ?? '')) problems.push(`content type ${response.contentType}`);
    const schema = operation.responses.get(response.status);
    if (schema !== undefined) {
      const validate = this.validatorFor(schema);
      if (!validate(body)) problems.push(`the body does not match the documented schema: ${this.ajv.errorsText(validate.errors)}`);
    }
    if (response.status >= 400 && isErrorSchema(schema)) problems.push(...errorShapeProblems(body, response.status));
    return problems;
  }

  private validatorFor(schema: JsonSchema): ValidateFunction {
    let validate = this.validators.get(schema);
    if (validate === undefined) {
      validate = this.ajv.compile(schema);
      this.validators.set(schema, validate);
    }
    return validate;
  }
}

/** The error body schema (health probes answer their own report instead). */
function isErrorSchema(schema: JsonSchema | undefined): boolean {
  return schema !== undefined && 'requestId' in (schema.properties ?? {}) && 'statusCode' in (schema.properties ?? {});
}

function errorShapeProblems(body: unknown, status: number): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['the error body is not an object'];
  const record = body as Record<string, unknown>;
  const problems: string[] = [];
  if (record.statusCode !== status) problems.push(`statusCode ${String(record.statusCode)} is not the HTTP status ${status}`);
  for (const key of ['error', 'message', 'requestId']) if (typeof record[key] !== 'string') problems.push(`the error body has no ${key}`);
  const extra = Object.keys(record).filter((key) => !ERROR_KEYS.has(key));
  if (extra.length > 0) problems.push(`the error body has unknown keys ${extra.join(', ')}`);
  return problems;
}
