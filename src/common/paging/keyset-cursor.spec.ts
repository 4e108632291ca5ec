import { decodeCursor, encodeCursor } from './keyset-cursor';
import { pageRequestOf } from './page-request';
import { CursorWithOffsetError, InvalidCursorError } from './paging.errors';

const POSITION = { createdAt: '2026-11-23T10:00:00.123456Z', id: '6f1c2f0e-2b7d-4f0e-9a51-0d4f1f6b1c2a' };
const encode = (text: string): string => Buffer.from(text).toString('base64url');

describe('keyset cursors', () => {
  it('carry the position to the microsecond, opaque and URL-safe', () => {
    const cursor = encodeCursor(POSITION);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(POSITION);
    expect(decodeCursor(encodeCursor({ ...POSITION, createdAt: '2026-11-23T10:00:00.123457Z' }))).not.toEqual(POSITION);
  });

  it('refuse anything encodeCursor could not have written', () => {
    const cursor = encodeCursor(POSITION);
    for (const value of [
      '',
      `${cursor}=`,
      `${cursor.slice(0, -1)}+`,
      encode(`2026-11-23T10:00:00.123Z|${POSITION.id}`),
      encode(`${POSITION.createdAt}|${POSITION.id.toUpperCase()}`),
      encode(`2026-02-29T10:00:00.000000Z|${POSITION.id}`),
      encode(`2026-11-23T10:60:00.000000Z|${POSITION.id}`),
      encode(`0000-01-01T00:00:00.000000Z|${POSITION.id}`),
      encode(` ${POSITION.createdAt}|${POSITION.id}`),
      'A'.repeat(300),
    ]) {
      expect(() => decodeCursor(value)).toThrow(InvalidCursorError);
    }
  });
});

describe('pageRequestOf', () => {
  it('reads an offset page, or a keyset page whose offset is left at 0', () => {
    expect(pageRequestOf({ limit: 10, offset: 20 })).toEqual({ kind: 'offset', limit: 10, offset: 20 });
    expect(pageRequestOf({ limit: 10, offset: 0, after: encodeCursor(POSITION) })).toEqual({ kind: 'after', limit: 10, after: POSITION });
  });

  it('refuses a cursor with an offset', () => {
    expect(() => pageRequestOf({ limit: 10, offset: 5, after: encodeCursor(POSITION) })).toThrow(CursorWithOffsetError);
  });
});
