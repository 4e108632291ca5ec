import type { Response } from 'express';
import { gatewayErrors } from './ebay-errors';
import type { EbayEndpoint, FaultAction } from './fault-injector';
import { consentErrors, tokenErrors } from './oauth-errors';

/**
 * How a faulty call answers. A status fault sends the body eBay would send for that status
 * on that endpoint: the REST envelope on the APIs, `{error, error_description}` on the token
 * endpoint, `{error_id, …}` on the consent page.
 */
export function sendFault(res: Response, endpoint: EbayEndpoint, action: Exclude<FaultAction, { mode: 'hang' }>): void {
  switch (action.mode) {
    case 'close':
      // No status line, no body: the client sees a reset or "socket hang up".
      res.socket?.destroy();
      return;
    case 'malformed':
      res.status(action.status ?? 200).type('application/json').send(MALFORMED_BODIES[endpoint]);
      return;
    case 'status':
      if (action.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(action.retryAfterSeconds));
      res.status(action.status).json(action.body ?? faultBody(endpoint, action.status));
      return;
  }
}

export function faultBody(endpoint: EbayEndpoint, status: number): unknown {
  switch (endpoint) {
    case 'authorize':
      return (status >= 500 || status === 429 ? consentErrors.unavailable(status) : consentErrors.invalidRequest()).body;
    case 'token':
      return tokenFaultBody(status);
    case 'identity':
    case 'orders':
    case 'transactions':
    case 'publicKey':
    case 'issueRefund':
    case 'inventoryItem':
    case 'rateLimits':
    case 'signingKey':
      return restFaultBody(status);
  }
}

function tokenFaultBody(status: number): unknown {
  if (status === 401) return tokenErrors.invalidClient().body;
  // Rate limiting happens in eBay's API gateway, in front of the token service.
  if (status === 429) return gatewayErrors.tooManyRequests().body;
  if (status >= 500) return tokenErrors.serverError(status).body;
  return tokenErrors.invalidRequest().body;
}

function restFaultBody(status: number): unknown {
  if (status === 401) return gatewayErrors.invalidAccessToken().body;
  if (status === 403) return gatewayErrors.accessDenied().body;
  if (status === 404) return gatewayErrors.resourceNotFound().body;
  if (status === 429) return gatewayErrors.tooManyRequests().body;
  if (status >= 500) return gatewayErrors.internalError(status).body;
  return gatewayErrors.invalidRequest(status).body;
}

/** Cut mid-value, as a proxy dropping the connection half-way through a 200 would leave it. */
const MALFORMED_BODIES: Readonly<Record<EbayEndpoint, string>> = {
  authorize: '{"error_id":"temporarily_unav',
  token: '{"access_token":"v^1.1#i^1#p^3#r^0#I^3#f^0#t^H4sIAAAA',
  identity: '{"userId":"nY+sHZ2PrBmdj6wVnY","username":"sel',
  orders: '{"href":"/sell/fulfillment/v1/order?limit=50&offset=0","total":12,"orders":[{"orderId":"12-34',
  transactions: '{"href":"/sell/finances/v1/transaction?limit=20&offset=0","total":3,"transactions":[{"trans',
  publicKey: '{"algorithm":"ECDSA","digest":"SHA1","key":"-----BEGIN PUBLIC KEY-----MFkwEwYHKoZI',
  issueRefund: '{"refundId":"5123456',
  inventoryItem: '{"sku":"CAM-SX70","locale":"en_US","product":{"title":"Vintage Pol',
  rateLimits: '{"rateLimits":[{"apiContext":"sell","apiName":"Fulfillment","apiVersion":"v1","reso',
  signingKey: '{"signingKeyId":"6a1f","signingKeyCipher":"ED25519","publicKey":"MCowBQYDK2Vw',
};
