import { quotaWarningLevel } from './quota-warning';

describe('quotaWarningLevel', () => {
  it('is 0 below 80 % of the limit', () => {
    expect(quotaWarningLevel(0, 5)).toBe(0);
    expect(quotaWarningLevel(3, 5)).toBe(0);
    expect(quotaWarningLevel(7_999, 10_000)).toBe(0);
  });

  it('is 80 from 80 % of the limit up to the last grant', () => {
    expect(quotaWarningLevel(4, 5)).toBe(80);
    expect(quotaWarningLevel(8_000, 10_000)).toBe(80);
    expect(quotaWarningLevel(9_999, 10_000)).toBe(80);
  });

  it('is 100 once the limit is reached or passed', () => {
    expect(quotaWarningLevel(5, 5)).toBe(100);
    expect(quotaWarningLevel(12, 5)).toBe(100);
  });
});
