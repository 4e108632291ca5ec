import { failureDelaySeconds, isValidFor, nextRefreshAt, retryDelaySeconds } from './refresh-policy';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const seconds = (value: number) => new Date(NOW.getTime() + value * 1000);

describe('nextRefreshAt', () => {
  it('schedules a refresh one horizon before a two-hour token expires', () => {
    expect(nextRefreshAt(NOW, seconds(7200), 900)).toEqual(seconds(6300));
  });

  it('refreshes short-lived tokens at half their life instead of at once', () => {
    expect(nextRefreshAt(NOW, seconds(600), 900)).toEqual(seconds(300));
  });

  it('does not schedule into the past for a token that already expired', () => {
    expect(nextRefreshAt(NOW, seconds(-60), 900)).toEqual(seconds(-60));
  });
});

describe('retryDelaySeconds', () => {
  it('doubles from 30 s per consecutive failure up to an hour', () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((failures) => retryDelaySeconds(failures, top))).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]);
  });

  it('jitters between half and all of the ceiling', () => {
    expect(retryDelaySeconds(3, () => 0)).toBe(60);
    expect(retryDelaySeconds(3, () => 0.5)).toBe(90);
    for (let i = 0; i < 100; i++) {
      const delay = retryDelaySeconds(4);
      expect(delay).toBeGreaterThanOrEqual(120);
      expect(delay).toBeLessThanOrEqual(240);
    }
  });
});

describe('failureDelaySeconds', () => {
  it('waits as long as eBay’s Retry-After says when that is longer than the backoff', () => {
    const top = () => 1;
    expect(failureDelaySeconds(1, 3600, top)).toBe(3600);
    expect(failureDelaySeconds(1, 5, top)).toBe(30);
    expect(failureDelaySeconds(3, undefined, top)).toBe(120);
  });

  it('caps an absurd Retry-After at a day', () => {
    expect(failureDelaySeconds(1, 10 ** 9)).toBe(86_400);
  });
});

describe('isValidFor', () => {
  it('is true only while more than the margin remains', () => {
    expect(isValidFor(seconds(301), NOW, 300)).toBe(true);
    expect(isValidFor(seconds(300), NOW, 300)).toBe(false);
    expect(isValidFor(null, NOW, 0)).toBe(false);
  });
});
