import type { IncomingMessage } from 'node:http';
import { HttpLayerError } from './http-layer.error';

/** No body the API accepts nests deeper than a few levels; this leaves room and stops abuse. */
export const MAX_JSON_DEPTH = 20;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** How deeply a JSON text nests objects and arrays, read from its bytes without parsing it. */
export function jsonDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      deepest = Math.max(deepest, ++depth);
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return deepest;
}

/**
 * The JSON body parser's `verify` hook: refuses a body nested deeper than MAX_JSON_DEPTH
 * before JSON.parse and the validation pipe walk it (thousands of levels overflow their
 * recursion). body-parser answers the error with its status, 400.
 */
export function refuseDeepJson(_request: IncomingMessage, _response: unknown, body: Buffer): void {
  if (jsonDepth(body) > MAX_JSON_DEPTH) {
    throw new HttpLayerError(400, 'entity.too.deep', 'The request body nests objects or arrays too deeply');
  }
}
