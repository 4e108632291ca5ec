import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/**
 * The cookie that binds a console connect to the browser that started it (RFC 9700, 4.7.1):
 * an HttpOnly secret only that browser holds; the state stores its hash. A consent link opened
 * in any other browser (a link sent to someone else) comes back without it and is refused.
 */
export const BINDING_COOKIE = 'ebay_connect_browser';
/** Sent to the connect routes and the callback only. */
export const BINDING_COOKIE_PATH = '/api/ebay';
/** A little longer than a state lives, so the cookie outlasts the connect it was set for. */
export const BINDING_COOKIE_MAX_AGE_MS = 15 * 60 * 1000;
/** Where the console shows how a connect it started ended (web/: its route). */
export const CONSOLE_CALLBACK_PATH = '/connect/callback';

const SECRET_BYTES = 32;
const SECRET_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** The binding secret the request's Cookie header carries, if it holds a well-formed one. */
export function bindingSecretOf(request: Pick<Request, 'headers'>): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1 || part.slice(0, separator).trim() !== BINDING_COOKIE) continue;
    const value = part.slice(separator + 1).trim();
    if (SECRET_FORMAT.test(value)) return value;
  }
  return undefined;
}

export function newBindingSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

export function bindingHashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether `secret` is the one whose hash the state keeps. */
export function isBoundTo(secret: string | undefined, bindingHash: string): boolean {
  if (secret === undefined) return false;
  const given = Buffer.from(bindingHashOf(secret), 'hex');
  const stored = Buffer.from(bindingHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
