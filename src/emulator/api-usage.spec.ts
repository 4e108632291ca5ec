import { ApiUsage, nextQuotaDayStartMs, quotaDayOf } from './api-usage';
import { EBAY_APIS } from './ebay-apis';
import { EbayApiError } from './ebay-errors';

const at = (iso: string): number => Date.parse(iso);

describe('the quota day (midnight in Pacific time)', () => {
  it.each([
    ['winter (PST, UTC-8)', '2026-01-15T12:00:00.000Z', '2026-01-16T08:00:00.000Z'],
    ['summer (PDT, UTC-7)', '2026-07-15T12:00:00.000Z', '2026-07-16T07:00:00.000Z'],
    ['just before midnight', '2026-01-16T07:59:59.999Z', '2026-01-16T08:00:00.000Z'],
    ['at midnight', '2026-01-16T08:00:00.000Z', '2026-01-17T08:00:00.000Z'],
    ['the 23-hour day daylight saving starts', '2026-03-08T09:00:00.000Z', '2026-03-09T07:00:00.000Z'],
    ['the 25-hour day daylight saving ends', '2026-11-01T07:30:00.000Z', '2026-11-02T08:00:00.000Z'],
  ])('ends at the next Pacific midnight in %s', (_case, now, reset) => {
    expect(new Date(nextQuotaDayStartMs(at(now))).toISOString()).toBe(reset);
  });

  it('names the day in Pacific time', () => {
    expect(quotaDayOf(at('2026-01-16T07:59:59.000Z'))).toBe('2026-01-15');
    expect(quotaDayOf(at('2026-01-16T08:00:00.000Z'))).toBe('2026-01-16');
  });
});

describe('ApiUsage', () => {
  it('counts per app and per seller, and starts from zero on a new quota day', () => {
    let nowMs = at('2026-01-15T12:00:00.000Z');
    const usage = new ApiUsage(() => nowMs);
    usage.record(EBAY_APIS.finances, 'app-1', 'user-1');
    usage.record(EBAY_APIS.finances, 'app-2', 'user-1');
    usage.record(EBAY_APIS.finances, 'app-1', undefined);

    expect(usage.view((id) => id)).toMatchObject({
      quotaDay: '2026-01-15',
      apps: { 'app-1': { 'sell.finances': 2 }, 'app-2': { 'sell.finances': 1 } },
      users: { 'user-1': { 'sell.finances': 2 } },
    });
    nowMs = at('2026-01-16T08:00:00.000Z');
    expect(usage.view((id) => id)).toMatchObject({ quotaDay: '2026-01-16', apps: {}, users: {} });
  });

  it("refuses a call past the app's or the seller's limit with eBay's 429, without counting it", () => {
    const usage = new ApiUsage(() => at('2026-01-15T12:00:00.000Z'));
    usage.setLimit('sell.finances', 1);
    usage.record(EBAY_APIS.finances, 'app-1', 'user-1');

    const refused = (): unknown => {
      try {
        usage.record(EBAY_APIS.finances, 'app-2', 'user-1');
        return undefined;
      } catch (error) {
        return error;
      }
    };

    expect(refused()).toEqual(expect.any(EbayApiError));
    expect((refused() as EbayApiError).status).toBe(429);
    expect(usage.view((id) => id).users['user-1']).toEqual({ 'sell.finances': 1 });
    usage.setLimit('sell.finances', undefined);
    expect(() => usage.record(EBAY_APIS.finances, 'app-2', 'user-1')).not.toThrow();
  });
});
