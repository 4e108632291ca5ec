import type { Request, RequestHandler } from 'express';
import { delay } from './abortable-delay';
import type { EbayHost } from './ebay-hosts';
import type { EmulatorState } from './emulator-state';
import type { EbayEndpoint } from './fault-injector';
import { sendFault } from './fault-responses';

/** What every route needs from the running emulator. */
export interface EndpointContext {
  readonly state: EmulatorState;
  /** Aborted when the emulator closes: hanging calls stop waiting. */
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  /** The emulator's own base URL for a host, for links when a request carries no Host header. */
  readonly baseUrlOf: (host: EbayHost) => string;
}

/**
 * The front door of every emulated eBay call: count it, add the base latency, then let a
 * fault claim it or pass it on to the real handler. Counting comes first so that stats see
 * every call, the faulted ones included.
 */
export function ebayEndpoint(
  endpoint: EbayEndpoint,
  context: EndpointContext,
  grantTypeOf: (req: Request) => string | undefined = () => undefined,
): RequestHandler {
  return async (req, res, next) => {
    const { state } = context;
    const grantType = grantTypeOf(req);
    state.stats.recordCall(endpoint, grantType);
    if (state.latencyMs > 0 && !(await delay(state.latencyMs, context.signal))) return;
    const fault = state.faults.select(endpoint, grantType, req.method);
    if (fault === undefined) {
      next();
      return;
    }
    state.stats.recordFault(endpoint);
    context.log(`fault: ${fault.mode} on ${req.method} ${req.path}`);
    if (fault.mode !== 'hang') {
      sendFault(res, endpoint, fault);
      return;
    }
    if (await delay(fault.delayMs, context.signal)) next();
  };
}
