import { EBAY_ENDPOINTS, type EbayEndpoint, GRANT_TYPES, type GrantType } from './fault-injector';

/** Calls counted since the start or the last reset, faulted ones included. */
export interface EmulatorStats {
  calls: Record<EbayEndpoint, number>;
  /** Token endpoint calls by grant_type; `other` counts missing or unsupported ones. */
  tokenGrants: Record<GrantType | 'other', number>;
  /** Calls answered by a fault instead of normally (hangs included). */
  faultsInjected: Record<EbayEndpoint, number>;
  /** Key Management createSigningKey calls that made a key. */
  signingKeysCreated: number;
}

export class CallStats {
  private stats = emptyStats();

  recordCall(endpoint: EbayEndpoint, grantType: string | undefined): void {
    this.stats.calls[endpoint] += 1;
    if (endpoint !== 'token') return;
    const known = GRANT_TYPES.find((candidate) => candidate === grantType);
    this.stats.tokenGrants[known ?? 'other'] += 1;
  }

  recordFault(endpoint: EbayEndpoint): void {
    this.stats.faultsInjected[endpoint] += 1;
  }

  recordSigningKeyCreated(): void {
    this.stats.signingKeysCreated += 1;
  }

  snapshot(): EmulatorStats {
    return structuredClone(this.stats);
  }

  clear(): void {
    this.stats = emptyStats();
  }
}

function emptyStats(): EmulatorStats {
  const perEndpoint = (): Record<EbayEndpoint, number> =>
    Object.fromEntries(EBAY_ENDPOINTS.map((endpoint) => [endpoint, 0])) as Record<EbayEndpoint, number>;
  return {
    calls: perEndpoint(),
    tokenGrants: { authorization_code: 0, refresh_token: 0, client_credentials: 0, other: 0 },
    faultsInjected: perEndpoint(),
    signingKeysCreated: 0,
  };
}
