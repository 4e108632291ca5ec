import { REFRESH_FAILING_AFTER_FAILURES, shouldAnnounceRefreshFailing } from './refresh-failing';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const HORIZON_SECONDS = 900;
const seconds = (value: number) => new Date(NOW.getTime() + value * 1000);
const announces = (failures: number, expiresAt: Date | null, failingSince: Date | null = null) =>
  shouldAnnounceRefreshFailing({ failures, expiresAt, failingSince }, NOW, HORIZON_SECONDS);

describe('shouldAnnounceRefreshFailing', () => {
  it('waits for the second failure in a row', () => {
    expect(REFRESH_FAILING_AFTER_FAILURES).toBe(2);
    expect(announces(1, seconds(60))).toBe(false);
    expect(announces(2, seconds(60))).toBe(true);
    expect(announces(7, seconds(60))).toBe(true);
  });

  it('stays quiet while the access token outlives the refresh horizon', () => {
    expect(announces(5, seconds(HORIZON_SECONDS + 1))).toBe(false);
    expect(announces(5, seconds(HORIZON_SECONDS))).toBe(true);
  });

  it('announces a token that has expired already, or that there is none of', () => {
    expect(announces(2, seconds(-3600))).toBe(true);
    expect(announces(2, null)).toBe(true);
  });

  it('announces a run once: not again while it is marked announced', () => {
    expect(announces(3, seconds(60), seconds(-120))).toBe(false);
    expect(announces(3, null, seconds(-120))).toBe(false);
  });
});
