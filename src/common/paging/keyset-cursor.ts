import { InvalidCursorError } from './paging.errors';

/**
 * Where a keyset page ends: its last item's sort key. `createdAt` is PostgreSQL's value as
 * UTC text with all six fractional digits (`2026-11-23T10:00:00.123456Z`), never a JS Date,
 * which keeps only milliseconds: rows created in the same millisecond would be skipped or
 * shown twice.
 */
export interface KeysetPosition {
  readonly createdAt: string;
  readonly id: string;
}

const POSITION = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Far above the 86 characters a real cursor has: nothing longer is even decoded. */
const MAX_CURSOR_LENGTH = 256;

/** The opaque cursor of a position: base64url of `<createdAt>|<id>`. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.createdAt}|${position.id}`, 'utf8').toString('base64url');
}

/**
 * The position a cursor names; InvalidCursorError for anything encodeCursor could not have
 * written, so no malformed value reaches the database (an impossible date there is a 500).
 */
export function decodeCursor(cursor: string): KeysetPosition {
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw new InvalidCursorError();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = POSITION.exec(text);
  if (match === null || encodeCursor({ createdAt: match[1], id: match[2] }) !== cursor) throw new InvalidCursorError();
  const [, createdAt, id] = match;
  if (!isRealInstant(createdAt)) throw new InvalidCursorError();
  return { createdAt, id };
}

/** A calendar instant PostgreSQL accepts: no 30 February, no 25:00, no year 0. */
function isRealInstant(text: string): boolean {
  const milliseconds = `${text.slice(0, 23)}Z`;
  const date = new Date(milliseconds);
  return !Number.isNaN(date.getTime()) && date.toISOString() === milliseconds && date.getUTCFullYear() >= 1;
}
