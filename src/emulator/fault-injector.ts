/**
 * Failures tests ask for: "the next 2 refreshes answer 503", "a quarter of getOrders calls
 * hang for 3 s". Selection is deterministic so a test can say exactly which calls fail.
 */

export type EbayEndpoint =
  | 'authorize'
  | 'token'
  | 'identity'
  | 'orders'
  | 'transactions'
  | 'publicKey'
  | 'issueRefund'
  | 'inventoryItem'
  | 'rateLimits'
  | 'signingKey';
export const EBAY_ENDPOINTS: readonly EbayEndpoint[] = [
  'authorize',
  'token',
  'identity',
  'orders',
  'transactions',
  'publicKey',
  'issueRefund',
  'inventoryItem',
  'rateLimits',
  'signingKey',
];

/** The methods a fault can be narrowed to, on endpoints that answer more than one. */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE'];

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';
export const GRANT_TYPES: readonly GrantType[] = ['authorization_code', 'refresh_token', 'client_credentials'];

/** What the faulty call does instead of its normal answer. */
export type FaultAction =
  /** Answer this status with eBay's error body for the endpoint (or `body`), and Retry-After if given. */
  | { mode: 'status'; status: number; retryAfterSeconds?: number; body?: unknown }
  /** Hold the call this long, then answer it normally (its effect happens either way, as at eBay). */
  | { mode: 'hang'; delayMs: number }
  /** Drop the connection without an answer. */
  | { mode: 'close' }
  /** Answer `status` (default 200) with a JSON content type and a truncated JSON body. */
  | { mode: 'malformed'; status?: number };

/** Which calls a fault applies to. Without count or fraction, it applies to the next call only. */
export interface FaultTarget {
  endpoint: EbayEndpoint;
  /** Token endpoint only: apply to this grant type's calls and let the others through. */
  grantType?: GrantType;
  /** Apply to this method's calls only (a PUT of an inventory item, not its GET). */
  method?: HttpMethod;
  /** Let this many matching calls through first (e.g. 1: the fault starts at the second page). */
  after?: number;
  /** The next `count` matching calls fail, then the fault is gone. */
  count?: number;
  /** This share of matching calls fails until the fault is cleared: exactly floor(n × fraction) of the first n. */
  fraction?: number;
}

export type FaultSpec = FaultTarget & FaultAction;

export type FaultView = FaultSpec & {
  id: string;
  /** Matching calls that met this fault so far. */
  injected: number;
  /** For count faults: how many more calls will fail. */
  remaining?: number;
};

interface ActiveFault {
  readonly id: string;
  readonly spec: FaultSpec;
  matched: number;
  injected: number;
}

// floor(n × fraction) with n × 0.1 landing on 0.9999999999 must still count as 1.
const EPSILON = 1e-9;

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private lastId = 0;

  add(spec: FaultSpec): FaultView {
    const fault: ActiveFault = { id: `fault-${++this.lastId}`, spec, matched: 0, injected: 0 };
    this.faults.push(fault);
    return view(fault);
  }

  list(): FaultView[] {
    return this.faults.map(view);
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((fault) => fault.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * The action for this call, if a fault claims it. Faults are asked in the order they were
   * added; the first that fires takes the call and the ones after it never see it.
   */
  select(endpoint: EbayEndpoint, grantType: string | undefined, method: string): FaultAction | undefined {
    for (const fault of this.faults) {
      const { spec } = fault;
      if (spec.endpoint !== endpoint) continue;
      if (spec.grantType !== undefined && spec.grantType !== grantType) continue;
      if (spec.method !== undefined && spec.method !== method) continue;
      fault.matched += 1;
      const counted = fault.matched - (spec.after ?? 0);
      if (counted <= 0) continue;
      const fires = spec.fraction === undefined || Math.floor(counted * spec.fraction + EPSILON) > fault.injected;
      if (!fires) continue;
      fault.injected += 1;
      if (spec.fraction === undefined && fault.injected >= (spec.count ?? 1)) this.remove(fault.id);
      return spec;
    }
    return undefined;
  }
}

function view(fault: ActiveFault): FaultView {
  const { spec } = fault;
  return {
    ...spec,
    id: fault.id,
    injected: fault.injected,
    ...(spec.fraction === undefined ? { remaining: (spec.count ?? 1) - fault.injected } : {}),
  };
}
