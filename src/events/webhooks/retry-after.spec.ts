import { MAX_RETRY_AFTER_SECONDS, parseRetryAfterSeconds } from './retry-after';

const NOW = new Date('2026-11-23T10:00:00.000Z');

describe('parseRetryAfterSeconds', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfterSeconds('120', NOW)).toBe(120);
    expect(parseRetryAfterSeconds(' 0 ', NOW)).toBe(0);
  });

  it('reads the three HTTP-date forms as seconds from now', () => {
    expect(parseRetryAfterSeconds('Mon, 23 Nov 2026 10:01:30 GMT', NOW)).toBe(90);
    expect(parseRetryAfterSeconds('Monday, 23-Nov-26 10:01:30 GMT', NOW)).toBe(90);
    expect(parseRetryAfterSeconds('Mon Nov 23 10:01:30 2026', NOW)).toBe(90);
  });

  it('reads an asctime date whose day has one digit', () => {
    expect(parseRetryAfterSeconds('Tue Dec  1 10:00:00 2026', new Date('2026-12-01T09:00:00.000Z'))).toBe(3600);
  });

  it('rounds a date a fraction of a second ahead up to a whole second', () => {
    const now = new Date('2026-11-23T10:00:59.500Z');
    expect(parseRetryAfterSeconds('Mon, 23 Nov 2026 10:01:00 GMT', now)).toBe(1);
  });

  it('answers 0 for a date already past', () => {
    expect(parseRetryAfterSeconds('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(0);
  });

  it('reads a two-digit year more than 50 years ahead as the past century', () => {
    // 23-Nov-94 is 1994, not 2094: so long past, the wait is 0, not capped at a day.
    expect(parseRetryAfterSeconds('Wednesday, 23-Nov-94 10:00:00 GMT', NOW)).toBe(0);
  });

  it('caps a wait longer than a day at a day, in either form', () => {
    expect(parseRetryAfterSeconds('86401', NOW)).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(parseRetryAfterSeconds('9'.repeat(400), NOW)).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(parseRetryAfterSeconds('Fri, 01 Jan 2100 00:00:00 GMT', NOW)).toBe(MAX_RETRY_AFTER_SECONDS);
  });

  it.each([
    undefined,
    '',
    '   ',
    '-5',
    '1.5',
    '+10',
    '10 seconds',
    'soon',
    '1 2',
    '2026-11-23T10:01:30Z',
    'Mon, 23 Nov 2026 10:01:30 UTC',
    'Mon, 23 Nov 2026 10:01:30',
    'Mon, 31 Feb 2026 10:01:30 GMT',
    'Mon, 00 Nov 2026 10:01:30 GMT',
    'Mon, 23 Nov 2026 24:00:00 GMT',
    'Mon, 23 Foo 2026 10:01:30 GMT',
  ])('is undefined for %p', (value) => {
    expect(parseRetryAfterSeconds(value, NOW)).toBeUndefined();
  });
});
