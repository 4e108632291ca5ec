import { EbayApiError, fulfillmentErrors } from './ebay-errors';
import { isWithin, parseDateRange, parsePaging, splitFilter } from './ebay-query';

function errorIdOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof EbayApiError) return error.detail.errorId;
    throw error;
  }
  return undefined;
}

describe('ebay-query', () => {
  describe('splitFilter', () => {
    it('splits criteria at commas and each at its first colon, so timestamps keep theirs', () => {
      const criteria = splitFilter(
        'creationdate:[2026-01-01T10:00:00.000Z..],orderfulfillmentstatus:{NOT_STARTED|IN_PROGRESS}',
        fulfillmentErrors,
      );

      expect([...criteria]).toEqual([
        ['creationdate', '[2026-01-01T10:00:00.000Z..]'],
        ['orderfulfillmentstatus', '{NOT_STARTED|IN_PROGRESS}'],
      ]);
    });

    it('ignores empty criteria and refuses one without a name or given twice', () => {
      expect(splitFilter(' , ', fulfillmentErrors).size).toBe(0);
      expect(errorIdOf(() => splitFilter('creationdate', fulfillmentErrors))).toBe(30700);
      expect(errorIdOf(() => splitFilter(':[..]', fulfillmentErrors))).toBe(30700);
      expect(errorIdOf(() => splitFilter('a:1,a:2', fulfillmentErrors))).toBe(30800);
    });
  });

  describe('parseDateRange', () => {
    const parse = (value: string): ReturnType<typeof parseDateRange> =>
      parseDateRange('creationdate', value, fulfillmentErrors);

    it('reads both bounds, or either one alone', () => {
      expect(parse('[2026-01-01T00:00:00.000Z..2026-01-02T00:00:00Z]')).toEqual({
        fromMs: Date.UTC(2026, 0, 1),
        toMs: Date.UTC(2026, 0, 2),
      });
      expect(parse('[2026-01-01T00:00:00.000Z..]')).toEqual({ fromMs: Date.UTC(2026, 0, 1), toMs: undefined });
      expect(parse('[..2026-01-01T00:00:00.5Z]')).toEqual({ fromMs: undefined, toMs: Date.UTC(2026, 0, 1) + 500 });
    });

    it.each([
      ['no brackets', '2026-01-01T00:00:00.000Z', 30800],
      ['no bound at all', '[..]', 30800],
      ['one dot', '[2026-01-01T00:00:00.000Z.]', 30800],
      ['a date only', '[2026-01-01..]', 30810],
      ['a local time', '[2026-01-01T00:00:00..]', 30810],
      ['an offset instead of Z', '[2026-01-01T00:00:00+01:00..]', 30810],
      ['February 30th', '[2026-02-30T00:00:00.000Z..]', 30810],
      ['a start after the end', '[2026-01-02T00:00:00.000Z..2026-01-01T00:00:00.000Z]', 30840],
    ])('refuses %s', (_case, value, errorId) => {
      expect(errorIdOf(() => parse(value))).toBe(errorId);
    });
  });

  it('treats range bounds as inclusive', () => {
    const range = { fromMs: 10, toMs: 20 };

    expect([9, 10, 20, 21].map((timestamp) => isWithin(timestamp, range))).toEqual([false, true, true, false]);
    expect(isWithin(5, {})).toBe(true);
  });

  describe('parsePaging', () => {
    const bounds = { defaultLimit: 50, maxLimit: 200 };
    const paging = (query: string): ReturnType<typeof parsePaging> =>
      parsePaging(new URLSearchParams(query), bounds, fulfillmentErrors);

    it('defaults to the first page of the default size and takes the limits', () => {
      expect(paging('')).toEqual({ limit: 50, offset: 0 });
      expect(paging('limit=1&offset=0')).toEqual({ limit: 1, offset: 0 });
      expect(paging('limit=200&offset=1000000')).toEqual({ limit: 200, offset: 1_000_000 });
    });

    it.each(['limit=0', 'limit=201', 'limit=', 'limit=1.5', 'limit=%2B5'])('refuses %s with 31100', (query) => {
      expect(errorIdOf(() => paging(query))).toBe(31100);
    });

    it.each(['offset=-1', 'offset=', 'offset=1e3', 'offset=99999999999999999999'])('refuses %s with 31000', (query) => {
      expect(errorIdOf(() => paging(query))).toBe(31000);
    });
  });
});
