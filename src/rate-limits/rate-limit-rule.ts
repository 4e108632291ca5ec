/** How often one identity (an address, an email, an account) may do something. */
export interface RateLimitRule {
  /** Names the rule; every key of the rule starts with it. */
  readonly name: string;
  /** Hits allowed per window; the next one is refused and blocks the identity. */
  readonly limit: number;
  readonly windowMs: number;
  /** How long a blocked identity is refused; by default one window. */
  readonly blockMs?: number;
}

export type RateLimitVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };
