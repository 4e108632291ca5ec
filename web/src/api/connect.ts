import { api, call } from './client';
import type { components } from './schema';

export type ConnectIntent = components['schemas']['BrowserConnectBody'];

/**
 * Starts a connect bound to this browser and leaves for eBay. The answer's cookie (HttpOnly,
 * SameSite=Lax) is stored because the call is same-origin; the service checks it on the way to
 * eBay and again when eBay sends the browser back, then shows /connect/callback.
 */
export async function connectInThisBrowser(intent: ConnectIntent): Promise<void> {
  const started = await call(api.POST('/api/ebay/connect/browser', { body: intent, credentials: 'same-origin' }));
  window.location.assign(started.redirectUrl);
}
