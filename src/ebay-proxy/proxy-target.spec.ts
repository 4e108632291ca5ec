import { proxyTargetOf, RefusedProxyPathError, UnsafeProxyPathError } from './proxy-target';

const ALLOWED = ['sell/', 'commerce/', 'buy/', 'post-order/', 'developer/analytics/'];

describe('proxyTargetOf', () => {
  it('keeps a plain path and its query, on the host eBay serves it from', () => {
    expect(proxyTargetOf('sell/fulfillment/v1/order?limit=50&offset=0', ALLOWED)).toEqual({
      host: 'api',
      path: '/sell/fulfillment/v1/order',
      search: '?limit=50&offset=0',
      family: 'sell/fulfillment',
      audited: '/sell/fulfillment/v1/order?limit&offset',
    });
    expect(proxyTargetOf('sell/finances/v1/transaction', ALLOWED).host).toBe('apiz');
    expect(proxyTargetOf('commerce/identity/v1/user/', ALLOWED).host).toBe('apiz');
    expect(proxyTargetOf('developer/analytics/v1_beta/user_rate_limit/', ALLOWED)).toMatchObject({ host: 'api', path: '/developer/analytics/v1_beta/user_rate_limit/' });
    expect(proxyTargetOf('sell/inventory/v1/inventory_item/SKU%20one', ALLOWED).path).toBe('/sell/inventory/v1/inventory_item/SKU%20one');
  });

  it.each([
    'sell/../identity/v1/oauth2/token',
    'sell/%2e%2e/identity/v1/oauth2/token',
    'sell/%2E%2E/x',
    'sell/./fulfillment',
    'sell//fulfillment',
    'sell/fulfillment%2fv1',
    'sell/fulfillment%5cv1',
    'sell\\fulfillment',
    'sell/fulfillment@evil.example',
    'sell/x%40y',
    'https://evil.example/sell/x',
    'http:/sell',
    'sell/fulfillment/v1/order\u0000',
    'sell/fulfillment%00',
    'sell/fulfillment/v1/order?x=\u0001',
    '',
  ])('refuses %j with 400', (path) => {
    expect(() => proxyTargetOf(path, ALLOWED)).toThrow(UnsafeProxyPathError);
  });

  it.each([
    'identity/v1/oauth2/token',
    'IDENTITY/v1/oauth2/token',
    'developer/key_management/v1/signing_key',
    'developer/analytics2/x',
    'sellx/fulfillment',
    'ws/api.dll',
  ])('refuses %j with 403', (path) => {
    expect(() => proxyTargetOf(path, ALLOWED)).toThrow(RefusedProxyPathError);
  });

  it('refuses Key Management even when the allow-list names it', () => {
    expect(() => proxyTargetOf('developer/key_management/v1/signing_key', [...ALLOWED, 'developer/'])).toThrow(RefusedProxyPathError);
  });
});
