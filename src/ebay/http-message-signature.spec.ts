import { createPublicKey, verify } from 'node:crypto';
import { contentDigest, ed25519PrivateKey, signatureBase, signRequest } from './http-message-signature';

/**
 * Fixed vectors: a key pair generated once for these tests, and the bases written out by hand
 * from docs/ebay.md (section 9). Ed25519 is deterministic, so the signatures are fixed too.
 */
const PRIVATE_KEY = 'MC4CAQAwBQYDK2VwBCIEINiTcTWBbZlwaajSkyfdnKteAc/MOETR6sDbKVD8Bf30';
const PUBLIC_KEY = 'MCowBQYDK2VwAyEArBzkIt4L4Ip4komBHnYeyxuwLk9sokoMdrv4GDodD3E=';
const JWE = 'eyJ6aXAiOiJERUYiLCJlbmMiOiJBMjU2R0NNIn0.test-vector-jwe';
const CREATED = 1767225600;
const KEY = { jwe: JWE, privateKey: PRIVATE_KEY };

const GET_BASE = [
  `"x-ebay-signature-key": ${JWE}`,
  '"@method": GET',
  '"@path": /sell/finances/v1/transaction',
  '"@authority": apiz.ebay.com',
  '"@signature-params": ("x-ebay-signature-key" "@method" "@path" "@authority");created=1767225600',
].join('\n');
const GET_SIGNATURE = 'TuLZYiyh/1jStUeUn1LMEx6Souz/UiYIS80Y9PCUR8EBJ7aQPMeoRw5KyJObWP5JFcMcJXshRFiVe2vqNkLlAQ==';

const REFUND_BODY = '{"reasonForRefund":"BUYER_CANCEL","comment":"Sorry"}';
const REFUND_DIGEST = 'sha-256=:FqAzWYLYwhfgwQ6LdTIw21n59ZiwUwZa/8TN6aa7TqU=:';
const POST_BASE = [
  `"content-digest": ${REFUND_DIGEST}`,
  `"x-ebay-signature-key": ${JWE}`,
  '"@method": POST',
  '"@path": /sell/fulfillment/v1/order/12-34567-89012/issue_refund',
  '"@authority": api.ebay.com',
  '"@signature-params": ("content-digest" "x-ebay-signature-key" "@method" "@path" "@authority");created=1767225600',
].join('\n');
const POST_SIGNATURE = 'wLR+6JrdHar1kFXi12yzdJKEqrfdxGNzfLxfHmc88BOZqcsqSug6L7BEyjtftYX7wNGbSyvz60T2A4hsNtqjBw==';

const PORT_SIGNATURE = 'hEmD2wjVYNAlikRbKgiYwjYZxqvsuEhKvM+kw4g2x3Kztx05tfWsy6ekh2MB/9h0DCfux0PlDpB7AAuL+XarDw==';

function verifies(base: string, signatureHeader: string): boolean {
  const [, signature] = /^sig1=:([A-Za-z0-9+/=]+):$/.exec(signatureHeader) ?? [];
  const publicKey = createPublicKey({ key: Buffer.from(PUBLIC_KEY, 'base64'), format: 'der', type: 'spki' });
  return verify(null, Buffer.from(base), publicKey, Buffer.from(signature ?? '', 'base64'));
}

describe('signRequest', () => {
  it('signs a GET without a body: no Content-Digest, the query left out of @path', () => {
    const headers = signRequest(
      { method: 'get', url: 'https://apiz.ebay.com/sell/finances/v1/transaction?limit=1000&filter=x' },
      KEY,
      CREATED,
    );

    expect(headers).toEqual({
      'x-ebay-signature-key': JWE,
      'Signature-Input': 'sig1=("x-ebay-signature-key" "@method" "@path" "@authority");created=1767225600',
      Signature: `sig1=:${GET_SIGNATURE}:`,
    });
    expect(verifies(GET_BASE, headers.Signature)).toBe(true);
  });

  it('signs a POST with its body digest first', () => {
    const headers = signRequest(
      {
        method: 'POST',
        url: 'https://api.ebay.com/sell/fulfillment/v1/order/12-34567-89012/issue_refund',
        body: Buffer.from(REFUND_BODY),
      },
      KEY,
      CREATED,
    );

    expect(headers).toEqual({
      'x-ebay-signature-key': JWE,
      'Content-Digest': REFUND_DIGEST,
      'Signature-Input':
        'sig1=("content-digest" "x-ebay-signature-key" "@method" "@path" "@authority");created=1767225600',
      Signature: `sig1=:${POST_SIGNATURE}:`,
    });
    expect(verifies(POST_BASE, headers.Signature)).toBe(true);
  });

  it('keeps a non-default port in @authority and drops a default one', () => {
    const withPort = signRequest({ method: 'GET', url: 'http://127.0.0.1:4010/sell/finances/v1/payout' }, KEY, CREATED + 1);
    expect(withPort.Signature).toBe(`sig1=:${PORT_SIGNATURE}:`);

    const defaultPort = signRequest({ method: 'GET', url: 'https://APIZ.ebay.com:443/sell/finances/v1/transaction' }, KEY, CREATED);
    expect(defaultPort.Signature).toBe(`sig1=:${GET_SIGNATURE}:`);
  });

  it('treats an empty body as none', () => {
    const headers = signRequest(
      { method: 'GET', url: 'https://apiz.ebay.com/sell/finances/v1/transaction', body: Buffer.alloc(0) },
      KEY,
      CREATED,
    );
    expect(headers).not.toHaveProperty('Content-Digest');
    expect(headers.Signature).toBe(`sig1=:${GET_SIGNATURE}:`);
  });

  it('signs the same with a KeyObject made once as with the base64 key', () => {
    const request = { method: 'GET', url: new URL('https://apiz.ebay.com/sell/finances/v1/transaction') };
    expect(signRequest(request, { jwe: JWE, privateKey: ed25519PrivateKey(PRIVATE_KEY) }, CREATED).Signature).toBe(
      `sig1=:${GET_SIGNATURE}:`,
    );
  });

  it('changes the signature when any signed part changes', () => {
    const base = { method: 'GET', url: 'https://apiz.ebay.com/sell/finances/v1/transaction' };
    const signatures = new Set(
      [
        signRequest(base, KEY, CREATED),
        signRequest(base, KEY, CREATED + 1),
        signRequest({ ...base, method: 'POST' }, KEY, CREATED),
        signRequest({ ...base, url: 'https://apiz.ebay.com/sell/finances/v1/payout' }, KEY, CREATED),
        signRequest({ ...base, url: 'https://apiz.sandbox.ebay.com/sell/finances/v1/transaction' }, KEY, CREATED),
        signRequest(base, { ...KEY, jwe: `${JWE}x` }, CREATED),
        signRequest({ ...base, body: Buffer.from('{}') }, KEY, CREATED),
      ].map((headers) => headers.Signature),
    );
    expect(signatures.size).toBe(7);
  });
});

describe('signatureBase', () => {
  it('writes the lines docs/ebay.md specifies, with no newline at the end', () => {
    expect(
      signatureBase(
        { method: 'post', url: 'https://api.ebay.com/sell/fulfillment/v1/order/12-34567-89012/issue_refund?x=1' },
        { jwe: JWE, contentDigest: REFUND_DIGEST },
        '("content-digest" "x-ebay-signature-key" "@method" "@path" "@authority");created=1767225600',
      ),
    ).toBe(POST_BASE);
  });
});

describe('contentDigest', () => {
  it('is the SHA-256 of the bytes, base64, between colons', () => {
    expect(contentDigest(Buffer.from(REFUND_BODY))).toBe(REFUND_DIGEST);
    // RFC 9530's own example body.
    expect(contentDigest(Buffer.from('{"hello": "world"}'))).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
  });
});

describe('ed25519PrivateKey', () => {
  it('refuses what is not an Ed25519 PKCS#8 key, without repeating it', () => {
    expect(() => ed25519PrivateKey('bm90IGEga2V5')).toThrow('The signing key is not a PKCS#8 private key');
    expect(() => ed25519PrivateKey(PUBLIC_KEY)).toThrow(/^The signing key is not a PKCS#8 private key$/);
  });
});
