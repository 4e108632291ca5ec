import { forwardedHeaders, relayedHeaders, UPSTREAM_HEADER } from './proxy-headers';

describe('proxy headers', () => {
  it('forwards only eBay’s request headers, and the account’s marketplace by default', () => {
    const headers = forwardedHeaders(
      {
        accept: 'application/json',
        'content-type': 'application/json',
        'content-language': 'en-US',
        authorization: 'Bearer the-callers-jwt',
        cookie: 'session=1',
        'x-forwarded-for': '10.0.0.1',
        'x-ebay-c-enduserctx': 'affiliateCampaignId=1',
        host: 'service.example',
      },
      'EBAY_GB',
    );

    expect(headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      'content-language': 'en-US',
      'x-ebay-c-enduserctx': 'affiliateCampaignId=1',
      'x-ebay-c-marketplace-id': 'EBAY_GB',
      'accept-encoding': 'identity',
    });
    expect(forwardedHeaders({ 'x-ebay-c-marketplace-id': 'EBAY_DE' }, 'EBAY_GB')['x-ebay-c-marketplace-id']).toBe('EBAY_DE');
    expect(forwardedHeaders({}, null)).toEqual({ 'accept-encoding': 'identity' });
    expect(forwardedHeaders({ 'accept-encoding': 'gzip' }, null)['accept-encoding']).toBe('gzip');
  });

  it('relays eBay’s answer headers but hop-by-hop ones, cookies and cache-control, and marks it as eBay’s', () => {
    expect(
      relayedHeaders({
        'content-type': 'application/json',
        'x-ebay-c-request-id': 'abc',
        connection: 'keep-alive, x-private',
        'x-private': 'hop',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        'set-cookie': ['a=1'],
        'cache-control': 'max-age=60',
        etag: '"1"',
      }),
    ).toEqual({ 'content-type': 'application/json', 'x-ebay-c-request-id': 'abc', etag: '"1"', [UPSTREAM_HEADER]: 'ebay' });
  });
});
