/**
 * At most `limit` lookups per window, counted in this process. Time comes in as an argument,
 * so the rule is checked without a clock.
 */
export class FetchBudget {
  private windowStartMs = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Spends one lookup, or answers how many seconds until the next window when none is left. */
  take(nowMs: number): { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number } {
    if (nowMs - this.windowStartMs >= this.windowMs) {
      this.windowStartMs = nowMs;
      this.used = 0;
    }
    if (this.used >= this.limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((this.windowStartMs + this.windowMs - nowMs) / 1000)) };
    }
    this.used++;
    return { allowed: true };
  }
}
