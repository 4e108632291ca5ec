import { quotaDay } from './quota-day';

describe('quotaDay', () => {
  it('starts the day at midnight in Los Angeles, not UTC', () => {
    // 07:59 UTC is 23:59 of the day before in Pacific standard time (UTC−8).
    expect(quotaDay(new Date('2026-12-02T07:59:59Z'))).toBe('2026-12-01');
    expect(quotaDay(new Date('2026-12-02T08:00:00Z'))).toBe('2026-12-02');
  });

  it('follows daylight saving time (UTC−7 in summer)', () => {
    expect(quotaDay(new Date('2026-07-15T06:59:59Z'))).toBe('2026-07-14');
    expect(quotaDay(new Date('2026-07-15T07:00:00Z'))).toBe('2026-07-15');
  });
});
