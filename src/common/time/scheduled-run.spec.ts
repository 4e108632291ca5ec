import { scheduledRunNearest } from './scheduled-run';

const EVERY_SIX_HOURS = [0, 21_600, 43_200, 64_800];
const at = (iso: string): Date => new Date(iso);

describe('scheduledRunNearest', () => {
  it('names the run a firing belongs to, however late the timer fired', () => {
    expect(scheduledRunNearest(at('2026-11-23T06:00:00.004Z'), EVERY_SIX_HOURS)).toEqual(at('2026-11-23T06:00:00.000Z'));
    expect(scheduledRunNearest(at('2026-11-23T06:41:10.000Z'), EVERY_SIX_HOURS)).toEqual(at('2026-11-23T06:00:00.000Z'));
  });

  it('names the coming run for a timer that fired a moment early', () => {
    expect(scheduledRunNearest(at('2026-11-23T05:59:59.990Z'), EVERY_SIX_HOURS)).toEqual(at('2026-11-23T06:00:00.000Z'));
  });

  it('crosses midnight both ways', () => {
    expect(scheduledRunNearest(at('2026-11-23T23:59:59.500Z'), EVERY_SIX_HOURS)).toEqual(at('2026-11-24T00:00:00.000Z'));
    expect(scheduledRunNearest(at('2026-11-24T00:00:01.000Z'), [3600])).toEqual(at('2026-11-24T01:00:00.000Z'));
    expect(scheduledRunNearest(at('2026-11-24T00:00:01.000Z'), [82_800])).toEqual(at('2026-11-23T23:00:00.000Z'));
  });

  it('keeps to the second for a schedule that runs every second', () => {
    const everySecond = Array.from({ length: 86_400 }, (_, i) => i);
    expect(scheduledRunNearest(at('2026-11-23T10:00:07.012Z'), everySecond)).toEqual(at('2026-11-23T10:00:07.000Z'));
  });
});
