import { SchedulerRegistry } from '@nestjs/schedule';
import { TOKEN_REFRESH_JOB } from '../src/tokens/token-refresh.scheduler';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import { startTestApp } from './support/test-app';
import { createTestDatabase, withDatabase } from './support/test-database';
import { registerAndLogin } from './support/users';

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

  it('runs once at boot, and that run drains a backlog many claims long without waiting for the schedule', async () => {
    const { emulator, control } = await startTestEbay();
    const database = await createTestDatabase({ migrated: true });
    try {
      const ids: string[] = [];
      const connecting = await startConnectedApp(emulator, { database });
      try {
        for (let org = 0; org < 3; org++) {
          const user = await registerAndLogin(connecting.http);
          for (const ebayUser of ['seller_one', 'seller_two', 'seller_three', 'seller_quiet']) {
            ids.push((await connectAccount(connecting, user, { ebayUser })).id);
          }
        }
      } finally {
        await connecting.close();
      }
      await withDatabase(database.url, (client) =>
        client.query(
          `UPDATE ebay_tokens SET expires_at = now() + interval '5 minutes', next_refresh_at = now() - interval '1 second'`,
        ),
      );
      const before = (await control.stats()).tokenGrants.refresh_token;

      // Half-hourly: the next tick is far away, so only the boot run can do this. Two at a time,
      // so the 12 tokens take at least six claims.
      const t = await startConnectedApp(emulator, {
        database,
        env: {
          TOKEN_REFRESH_ENABLED: 'true',
          TOKEN_REFRESH_CRON: '0 */30 * * * *',
          TOKEN_REFRESH_HORIZON_SECONDS: '2400',
          TOKEN_REFRESH_CONCURRENCY: '2',
        },
      });
      try {
        const refreshedRows = async () =>
          (
            await withDatabase(database.url, (client) =>
              client.query(`SELECT count(*)::int AS n FROM ebay_tokens WHERE expires_at > now() + interval '1 hour'`),
            )
          ).rows[0].n as number;
        const runs = () => t.logs.lines.filter((line) => line.msg === 'Refreshed due tokens');
        const deadline = Date.now() + 20_000;
        while (runs().length === 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }

        expect(await refreshedRows()).toBe(ids.length);
        expect((await control.stats()).tokenGrants.refresh_token - before).toBe(ids.length);
        expect(runs()).toEqual([expect.objectContaining({ claimed: 12, refreshed: 12, failed: 0 })]);
      } finally {
        await t.close();
      }
    } finally {
      await database.drop();
      await emulator.close();
    }
  }, 60_000);
});
