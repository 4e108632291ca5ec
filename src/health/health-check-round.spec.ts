import type { HealthCheckOutcome, HealthCheckResult } from './account-health-checker';
import { HealthCheckRound, type HealthCheckRoundSteps } from './health-check-round';
import type { RoundClaim } from './health-check-round.repository';

const CHECKED_AT = new Date('2026-12-02T06:00:00.000Z');

function result(isHealthy: boolean): HealthCheckResult {
  return {
    isHealthy,
    httpStatus: isHealthy ? 200 : 500,
    errorCode: isHealthy ? null : 'ebay_http_500',
    errorMessage: null,
    responseTimeMs: 5,
    checkedAt: CHECKED_AT,
  };
}

/** A round of `total` accounts; `outcomes` says how each check goes (healthy by default). */
function aRound(total: number, outcomes: Record<string, 'unhealthy' | 'gone' | 'lost' | 'broken'> = {}) {
  let next = 0;
  let inFlight = 0;
  const seen = { claimed: [] as string[], completed: [] as string[], failed: [] as string[], maxInFlight: 0 };
  const steps: HealthCheckRoundSteps = {
    claim: async () => {
      if (next >= total) return undefined;
      const accountId = `account-${next++}`;
      seen.claimed.push(accountId);
      return { roundId: 'round', accountId, claimId: `claim-of-${accountId}` };
    },
    check: async (accountId): Promise<HealthCheckOutcome> => {
      inFlight++;
      seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      const how = outcomes[accountId];
      if (how === 'broken') throw new Error('the database went away');
      if (how === 'gone') return { kind: 'not_connected', result: result(false) };
      return { kind: 'checked', result: result(how !== 'unhealthy') };
    },
    complete: async (claim: RoundClaim) => {
      seen.completed.push(claim.accountId);
      return outcomes[claim.accountId] !== 'lost';
    },
    failed: (claim) => {
      seen.failed.push(claim.accountId);
    },
  };
  return { steps, seen };
}

describe('HealthCheckRound', () => {
  it('checks every account of the round once, never more than `concurrency` at a time', async () => {
    const { steps, seen } = aRound(50);

    const report = await new HealthCheckRound(steps, 4).execute();

    expect(report).toEqual({ healthy: 50, unhealthy: 0, skipped: 0, lost: 0, failed: 0 });
    expect(new Set(seen.claimed).size).toBe(50);
    expect(seen.completed.sort()).toEqual([...seen.claimed].sort());
    expect(seen.maxInFlight).toBe(4);
  });

  it('counts each outcome, and goes on past a check that failed', async () => {
    const { steps, seen } = aRound(6, {
      'account-1': 'unhealthy',
      'account-2': 'gone',
      'account-3': 'lost',
      'account-4': 'broken',
    });

    const report = await new HealthCheckRound(steps, 2).execute();

    expect(report).toEqual({ healthy: 2, unhealthy: 1, skipped: 1, lost: 1, failed: 1 });
    expect(seen.failed).toEqual(['account-4']);
    expect(seen.completed).not.toContain('account-4');
  });

  it('stops claiming when told to stop, and records the checks in flight', async () => {
    const { steps, seen } = aRound(100);
    const round = new HealthCheckRound(steps, 3);

    const done = round.execute();
    round.stop();
    const report = await done;

    expect(seen.claimed).toHaveLength(3);
    expect(report.healthy).toBe(3);
  });

  it('ends when a claim fails, keeping the error', async () => {
    const { steps } = aRound(10);
    const broken: HealthCheckRoundSteps = { ...steps, claim: () => Promise.reject(new Error('no database')) };
    const round = new HealthCheckRound(broken, 2);

    await expect(round.execute()).resolves.toEqual({ healthy: 0, unhealthy: 0, skipped: 0, lost: 0, failed: 0 });
    expect(round.claimFailure).toEqual(new Error('no database'));
  });
});
