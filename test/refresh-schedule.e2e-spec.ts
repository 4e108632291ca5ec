import { SchedulerRegistry } from '@nestjs/schedule';
import { TOKEN_REFRESH_JOB } from '../src/tokens/token-refresh.scheduler';
import { startTestApp } from './support/test-app';

describe('the background refresher’s schedule', () => {
  it('is a @Cron job on TOKEN_REFRESH_CRON (UTC), running, when the refresher is enabled', async () => {
    const t = await startTestApp({ env: { TOKEN_REFRESH_ENABLED: 'true', TOKEN_REFRESH_CRON: '*/20 * * * * *' } });
    try {
      const job = t.app.get(SchedulerRegistry).getCronJob(TOKEN_REFRESH_JOB);
      expect(job.isActive).toBe(true);
      expect(job.cronTime.source).toBe('*/20 * * * * *');
      expect(job.cronTime.timeZone).toBe('UTC');
      const next = job.nextDate().toJSDate();
      expect(next.getUTCSeconds() % 20).toBe(0);
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(20_000);
    } finally {
      await t.close();
    }
  });

  it('is absent when TOKEN_REFRESH_ENABLED=false', async () => {
    const t = await startTestApp({ env: { TOKEN_REFRESH_ENABLED: 'false' } });
    try {
      const registry = t.app.get(SchedulerRegistry);
      expect(registry.doesExist('cron', TOKEN_REFRESH_JOB)).toBe(false);
      expect([...registry.getCronJobs().keys()]).not.toContain(TOKEN_REFRESH_JOB);
    } finally {
      await t.close();
    }
  });
});
