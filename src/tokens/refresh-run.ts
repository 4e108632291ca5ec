import type { Claim, LeasedToken } from './ebay-token.repository';

/** What one run of the background refresher did. */
export interface RefreshRunReport {
  readonly claimed: number;
  readonly refreshed: number;
  readonly failed: number;
  /** Claimed but given back unrefreshed, because the replica was stopping. */
  readonly returned: number;
}

/** What a run does to the world; the scheduler wires these to the repository and the service. */
export interface RefreshRunSteps {
  claim(limit: number): Promise<Claim>;
  /** Rejects when the refresh failed (already recorded on the token and logged). */
  refresh(token: LeasedToken): Promise<void>;
  giveBack(claim: Claim): Promise<void>;
}

export interface RefreshRunLimits {
  /** Refreshes in flight at once, all the time while there is work. */
  readonly concurrency: number;
  /** New claims are made while the run is younger than this; what was claimed still gets done. */
  readonly claimForMs: number;
}

interface Claimed {
  readonly token: LeasedToken;
  readonly claim: Claim;
}

/**
 * One pass of the background refresher: it keeps `concurrency` refreshes in flight until
 * nothing is due any more (or its time to claim is over), claiming the next few tokens while
 * the current ones are at eBay, so no refresh slot waits for a claim or for a slow neighbour.
 * It claims little ahead (one claim of `concurrency` tokens beyond those in flight): a claimed
 * token waits for a slot here, holding its lease, when another replica could have refreshed it.
 */
export class RefreshRun {
  private readonly waiting: Claimed[] = [];
  private refill: Promise<void> | undefined;
  /** The last claim found fewer tokens than it asked for: nothing more is due now. */
  private isDrained = false;
  private isStopping = false;
  private claimError: unknown;
  private readonly startedAt = Date.now();
  private claimed = 0;
  private refreshed = 0;
  private failed = 0;

  constructor(
    private readonly steps: RefreshRunSteps,
    private readonly limits: RefreshRunLimits,
  ) {}

  /**
   * Runs to the end and never rejects: refresh failures are counted, and a failed claim ends
   * the run early (see `claimFailure`) after what was claimed is done.
   */
  async execute(): Promise<RefreshRunReport> {
    await Promise.all(Array.from({ length: this.limits.concurrency }, () => this.work()));
    const returned = await this.giveBackWaiting();
    return { claimed: this.claimed, refreshed: this.refreshed, failed: this.failed, returned };
  }

  /** Why the run stopped claiming early, if it did: the claim's error. */
  get claimFailure(): unknown {
    return this.claimError;
  }

  /** Refreshes in flight finish; no new one starts, and the rest of the claims go back. */
  stop(): void {
    this.isStopping = true;
  }

  private async work(): Promise<void> {
    for (let token = await this.next(); token !== undefined; token = await this.next()) {
      try {
        await this.steps.refresh(token);
        this.refreshed++;
      } catch {
        this.failed++;
      }
    }
  }

  private async next(): Promise<LeasedToken | undefined> {
    for (;;) {
      if (this.isStopping) return undefined;
      if (this.waiting.length <= this.limits.concurrency && this.mayClaim()) this.claimMore();
      const item = this.waiting.shift();
      if (item !== undefined) return item.token;
      if (this.refill === undefined) return undefined;
      await this.refill;
    }
  }

  private mayClaim(): boolean {
    return (
      !this.isDrained &&
      !this.isStopping &&
      this.claimError === undefined &&
      Date.now() - this.startedAt < this.limits.claimForMs
    );
  }

  /** At most one claim at a time; the workers that find nothing waiting wait for it. */
  private claimMore(): void {
    const limit = this.limits.concurrency;
    this.refill ??= this.steps
      .claim(limit)
      .then(
        (claim) => {
          this.claimed += claim.tokens.length;
          for (const token of claim.tokens) this.waiting.push({ token, claim });
          if (claim.tokens.length < limit) this.isDrained = true;
        },
        (error: unknown) => {
          this.claimError = error;
        },
      )
      .finally(() => {
        this.refill = undefined;
      });
  }

  private async giveBackWaiting(): Promise<number> {
    await this.refill;
    const left = this.waiting.splice(0);
    const claims = new Map<Claim, LeasedToken[]>();
    for (const { token, claim } of left) claims.set(claim, [...(claims.get(claim) ?? []), token]);
    await Promise.all(
      [...claims].map(([claim, tokens]) =>
        // Best effort: a claim not given back comes due again when it runs out.
        this.steps.giveBack({ ...claim, tokens }).catch(() => undefined),
      ),
    );
    return left.length;
  }
}
