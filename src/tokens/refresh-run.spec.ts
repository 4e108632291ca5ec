import type { Claim, LeasedToken } from './ebay-token.repository';
import type { EbayToken } from './entities/ebay-token.entity';
import { RefreshRun, type RefreshRunSteps } from './refresh-run';

const HELD_UNTIL = new Date('2026-12-02T10:02:00.000Z');

function aLeasedToken(accountId: string): LeasedToken {
  return { row: { ebayAccountId: accountId } as EbayToken, leaseId: `lease-of-${accountId}`, scopes: [] };
}

/** A due backlog of `total` tokens, refreshed by fakes that take `refreshMs` each. */
function backlog(total: number, options: { refreshMs?: number; failing?: Set<string> } = {}) {
  let next = 0;
  let inFlight = 0;
  const seen = { claims: [] as number[], maxInFlight: 0, refreshed: [] as string[], givenBack: [] as string[] };
  const steps: RefreshRunSteps = {
    claim: async (limit) => {
      const tokens = Array.from({ length: Math.min(limit, total - next) }, () => aLeasedToken(`account-${next++}`));
      seen.claims.push(tokens.length);
      return { tokens, heldUntil: HELD_UNTIL };
    },
    refresh: async ({ row: { ebayAccountId: accountId } }) => {
      inFlight++;
      seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, options.refreshMs ?? 1));
      inFlight--;
      if (options.failing?.has(accountId)) throw new Error('eBay said no');
      seen.refreshed.push(accountId);
    },
    giveBack: async (claim: Claim) => {
      expect(claim.heldUntil).toBe(HELD_UNTIL);
      seen.givenBack.push(...claim.tokens.map((token) => token.row.ebayAccountId));
    },
  };
  return { steps, seen };
}

describe('RefreshRun', () => {
  it('keeps claiming until nothing is due, far beyond one claim, refreshing each token once', async () => {
    const { steps, seen } = backlog(1_000);

    const report = await new RefreshRun(steps, { concurrency: 8, claimForMs: 60_000 }).execute();

    expect(report).toEqual({ claimed: 1_000, refreshed: 1_000, failed: 0, returned: 0 });
    expect(new Set(seen.refreshed).size).toBe(1_000);
    expect(seen.claims.length).toBeGreaterThan(100);
    // The last claim found less than it asked for, and the run stopped asking.
    expect(seen.claims.at(-1)).toBeLessThan(8);
  });

  it('keeps `concurrency` refreshes in flight, and claims only a little ahead of them', async () => {
    const { steps, seen } = backlog(64, { refreshMs: 5 });
    let mostWaiting = 0;
    const claim = steps.claim;
    steps.claim = async (limit) => {
      mostWaiting = Math.max(mostWaiting, seen.claims.reduce((sum, n) => sum + n, 0) - seen.refreshed.length);
      return claim(limit);
    };

    await new RefreshRun(steps, { concurrency: 4, claimForMs: 60_000 }).execute();

    expect(seen.maxInFlight).toBe(4);
    expect(mostWaiting).toBeLessThanOrEqual(2 * 4);
  });

  it('does not hold the other slots back while one refresh is slow (no batch waits for its slowest)', async () => {
    const { steps, seen } = backlog(40);
    const refresh = steps.refresh;
    let doneBeforeSlowOne = -1;
    steps.refresh = async (token) => {
      const accountId = token.row.ebayAccountId;
      if (accountId !== 'account-0') return refresh(token);
      await new Promise((resolve) => setTimeout(resolve, 150));
      doneBeforeSlowOne = seen.refreshed.length;
      seen.refreshed.push(accountId);
    };

    await new RefreshRun(steps, { concurrency: 2, claimForMs: 60_000 }).execute();

    expect(doneBeforeSlowOne).toBe(39);
  });

  it('counts failed refreshes and goes on with the rest', async () => {
    const { steps } = backlog(20, { failing: new Set(['account-3', 'account-11']) });

    expect(await new RefreshRun(steps, { concurrency: 3, claimForMs: 60_000 }).execute()).toEqual({
      claimed: 20,
      refreshed: 18,
      failed: 2,
      returned: 0,
    });
  });

  it('stops claiming when its time is up, finishing what it claimed', async () => {
    const { steps, seen } = backlog(10_000, { refreshMs: 2 });

    const report = await new RefreshRun(steps, { concurrency: 4, claimForMs: 30 }).execute();

    expect(report.claimed).toBeLessThan(10_000);
    expect(report).toMatchObject({ refreshed: report.claimed, returned: 0 });
    expect(seen.refreshed).toHaveLength(report.claimed);
  });

  it('when stopped, lets refreshes in flight finish and gives the unstarted claims back', async () => {
    const { steps, seen } = backlog(100, { refreshMs: 20 });
    const run = new RefreshRun(steps, { concurrency: 4, claimForMs: 60_000 });

    const report = run.execute();
    await new Promise((resolve) => setTimeout(resolve, 30));
    run.stop();
    const { claimed, refreshed, returned } = await report;

    expect(refreshed).toBeGreaterThan(0);
    expect(refreshed + returned).toBe(claimed);
    expect(returned).toBeGreaterThan(0);
    expect(seen.givenBack.sort()).toEqual(
      Array.from({ length: claimed }, (_, n) => `account-${n}`)
        .filter((id) => !seen.refreshed.includes(id))
        .sort(),
    );
  });

  it('ends early, without rejecting, when a claim fails, and says why', async () => {
    const { steps } = backlog(100);
    const claim = steps.claim;
    let claims = 0;
    steps.claim = (limit) => (++claims === 3 ? Promise.reject(new Error('database down')) : claim(limit));
    const run = new RefreshRun(steps, { concurrency: 4, claimForMs: 60_000 });

    expect(await run.execute()).toEqual({ claimed: 8, refreshed: 8, failed: 0, returned: 0 });
    expect(run.claimFailure).toEqual(new Error('database down'));
  });
});
