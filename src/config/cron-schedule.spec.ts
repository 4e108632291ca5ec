import { ConfigurationError } from './configuration.error';
import { dailyRunSeconds, longestCronGapSeconds } from './cron-schedule';

const gap = (expression: string): number => longestCronGapSeconds('TOKEN_REFRESH_CRON', expression);

describe('longestCronGapSeconds', () => {
  it('reads the wait between runs of regular schedules, with and without a seconds field', () => {
    expect(gap('*/30 * * * * *')).toBe(30);
    expect(gap('* * * * * *')).toBe(1);
    expect(gap('*/5 * * * *')).toBe(300);
    expect(gap('0 0 * * * *')).toBe(3600);
  });

  it('finds the longest gap of an uneven schedule, across midnight too', () => {
    expect(gap('0,10 * * * * *')).toBe(50);
    expect(gap('0 */5 9-17 * * *')).toBe(15 * 3600 + 5 * 60);
  });

  it('refuses schedules that skip days and text that is not cron, naming the variable', () => {
    expect(() => gap('0 0 0 1 * *')).toThrow('TOKEN_REFRESH_CRON must run every day');
    expect(() => gap('0 0 * * 1-5')).toThrow(ConfigurationError);
    expect(() => gap('every 30 seconds')).toThrow('TOKEN_REFRESH_CRON "every 30 seconds" is not a cron expression');
  });
});

describe('dailyRunSeconds', () => {
  it('lists the seconds after midnight UTC at which a daily schedule runs', () => {
    expect(dailyRunSeconds('HEALTH_CHECK_CRON', '0 0 */6 * * *')).toEqual([0, 21_600, 43_200, 64_800]);
    expect(dailyRunSeconds('HEALTH_CHECK_CRON', '30 15 3,1 * * *')).toEqual([3600 + 900 + 30, 3 * 3600 + 900 + 30]);
    expect(dailyRunSeconds('HEALTH_CHECK_CRON', '* * * * * *')).toHaveLength(86_400);
  });
});
