import type { NextFunction, Request, Response } from 'express';
import { HttpLayerError } from './http-layer.error';

/**
 * Keys that mean something to JavaScript objects rather than to the API. JSON.parse makes
 * them plain own properties, and the validation pipe then drops them silently; refusing them
 * keeps "unknown fields are refused" true and any prototype trick out of later code.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** A UTF-16 surrogate without its partner: not a character, and some validators throw on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses a parsed JSON body with a forbidden key or a string (key or value) that is not
 * well-formed Unicode, at any depth (the body is at most MAX_JSON_DEPTH deep already).
 */
export function refuseUnsafeBody(request: Request, _response: Response, next: NextFunction): void {
  const problem = problemOf(request.body as unknown);
  next(problem === undefined ? undefined : new HttpLayerError(400, problem.type, problem.message));
}

function problemOf(body: unknown): { type: string; message: string } | undefined {
  const pending: unknown[] = [body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return invalidUnicode();
    } else if (Array.isArray(value)) {
      pending.push(...(value as unknown[]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, field] of Object.entries(value)) {
        if (FORBIDDEN_KEYS.has(key)) {
          return { type: 'entity.key.forbidden', message: `The request body may not have a key named ${key}` };
        }
        if (LONE_SURROGATE.test(key)) return invalidUnicode();
        pending.push(field);
      }
    }
  }
  return undefined;
}

function invalidUnicode(): { type: string; message: string } {
  return { type: 'entity.unicode.invalid', message: 'The request body holds text that is not valid Unicode' };
}
