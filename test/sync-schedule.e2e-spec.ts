import { SchedulerRegistry } from '@nestjs/schedule';
import { SYNC_JOB } from '../src/sync/sync.scheduler';
import { startTestApp } from './support/test-app';

describe('the periodic sync’s schedule', () => {
  it('is a @Cron job every 15 minutes (UTC) by default, running, when the sync is enabled, and runs nothing at boot', async () => {
    // No SYNC_CRON: the default schedule the issue asks for.
    const t = await startTestApp({ env: { SYNC_ENABLED: 'true' } });
    try {
      const job = t.app.get(SchedulerRegistry).getCronJob(SYNC_JOB);
      expect(job.isActive).toBe(true);
      expect(job.cronTime.source).toBe('0 */15 * * * *');
      expect(job.cronTime.timeZone).toBe('UTC');
      const next = job.nextDate().toJSDate();
      expect([next.getUTCMinutes() % 15, next.getUTCSeconds()]).toEqual([0, 0]);
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
      expect(t.logs.lines.some((line) => line.msg === 'Periodic sync done')).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('is absent when SYNC_ENABLED=false', async () => {
    const t = await startTestApp({ env: { SYNC_ENABLED: 'false' } });
    try {
      expect(t.app.get(SchedulerRegistry).doesExist('cron', SYNC_JOB)).toBe(false);
    } finally {
      await t.close();
    }
  });
});
