import { SchedulerRegistry } from '@nestjs/schedule';
import { HEALTH_CHECK_JOB } from '../src/health/health-check-round.scheduler';
import { startTestApp } from './support/test-app';

describe('the periodic health check’s schedule', () => {
  it('is a @Cron job on HEALTH_CHECK_CRON (UTC), running, when the check is enabled, and runs nothing at boot', async () => {
    const t = await startTestApp({ env: { HEALTH_CHECK_ENABLED: 'true', HEALTH_CHECK_CRON: '0 15 */2 * * *' } });
    try {
      const job = t.app.get(SchedulerRegistry).getCronJob(HEALTH_CHECK_JOB);
      expect(job.isActive).toBe(true);
      expect(job.cronTime.source).toBe('0 15 */2 * * *');
      expect(job.cronTime.timeZone).toBe('UTC');
      const next = job.nextDate().toJSDate();
      expect([next.getUTCMinutes(), next.getUTCSeconds(), next.getUTCHours() % 2]).toEqual([15, 0, 0]);
      expect(t.logs.lines.some((line) => line.msg === 'Checked accounts’ health')).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('is absent when HEALTH_CHECK_ENABLED=false', async () => {
    const t = await startTestApp({ env: { HEALTH_CHECK_ENABLED: 'false' } });
    try {
      expect(t.app.get(SchedulerRegistry).doesExist('cron', HEALTH_CHECK_JOB)).toBe(false);
    } finally {
      await t.close();
    }
  });
});
