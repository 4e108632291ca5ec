import type { HealthCheckOutcome, HealthCheckResult } from './account-health-checker';
import type { RoundClaim } from './health-check-round.repository';

/** What this replica did in one round. */
export interface HealthCheckRoundReport {
  readonly healthy: number;
  readonly unhealthy: number;
  /** Disconnected or deleted since the round began: nothing checked, nothing recorded. */
  readonly skipped: number;
  /** Checked, but the claim had passed to another replica meanwhile: the result was dropped. */
  readonly lost: number;
  /** The check or its record failed (the database, not eBay): the account waits for the next round. */
  readonly failed: number;
}

/** What a round does to the world; the scheduler wires these to the repository and the checker. */
export interface HealthCheckRoundSteps {
  /** The next account of the round, leased to this replica; undefined when none is left. */
  claim(): Promise<RoundClaim | undefined>;
  /** Checks the account at eBay, with no transaction open. */
  check(accountId: string): Promise<HealthCheckOutcome>;
  /** Records the result and marks the claim checked; false when the claim is no longer ours. */
  complete(claim: RoundClaim, result: HealthCheckResult | null): Promise<boolean>;
  /** Told of a check that failed for a reason of our own. */
  failed(claim: RoundClaim, error: unknown): void;
}

/**
 * This replica's part of one round: `concurrency` workers, each claiming one account, checking
 * it and recording the result before claiming the next, until the round has no account left
 * that nobody holds. One at a time, so no account waits here while another replica is idle.
 */
export class HealthCheckRound {
  private isStopping = false;
  private claimError: unknown;
  private readonly counts = { healthy: 0, unhealthy: 0, skipped: 0, lost: 0, failed: 0 };

  constructor(
    private readonly steps: HealthCheckRoundSteps,
    private readonly concurrency: number,
  ) {}

  /** Runs to the end and never rejects; a failed claim ends it early (see `claimFailure`). */
  async execute(): Promise<HealthCheckRoundReport> {
    await Promise.all(Array.from({ length: this.concurrency }, () => this.work()));
    return { ...this.counts };
  }

  /** Checks in flight finish and are recorded; no new one starts. */
  stop(): void {
    this.isStopping = true;
  }

  /** Why the round stopped claiming early, if it did: the claim's error. */
  get claimFailure(): unknown {
    return this.claimError;
  }

  private async work(): Promise<void> {
    for (let claim = await this.next(); claim !== undefined; claim = await this.next()) {
      try {
        const outcome = await this.steps.check(claim.accountId);
        const result = outcome.kind === 'checked' ? outcome.result : null;
        if (!(await this.steps.complete(claim, result))) this.counts.lost++;
        else if (result === null) this.counts.skipped++;
        else if (result.isHealthy) this.counts.healthy++;
        else this.counts.unhealthy++;
      } catch (error) {
        this.counts.failed++;
        this.steps.failed(claim, error);
      }
    }
  }

  private async next(): Promise<RoundClaim | undefined> {
    if (this.isStopping || this.claimError !== undefined) return undefined;
    try {
      return await this.steps.claim();
    } catch (error) {
      this.claimError ??= error;
      return undefined;
    }
  }
}
