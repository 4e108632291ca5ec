import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import {
  componentsFor,
  contentDigest,
  parseContentDigest,
  parseSignature,
  parseSignatureInput,
  signatureBase,
  signatureHeader,
  signatureInputHeader,
  signatureParams,
} from './http-message-signature';

/**
 * Fixed vectors, also in docs/emulator.md ("Signature vectors") for the service's signer. The
 * key pair is RFC 9421's test-key-ed25519 (appendix B.1.4); Ed25519 signatures are
 * deterministic, so the same key and base always give the same signature. Checked against
 * `openssl pkeyutl -sign -rawin` when written.
 */
const PRIVATE_KEY = 'MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF';
const PUBLIC_KEY = 'MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=';
const JWE =
  'eyJ6aXAiOiJERUYiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiQTI1NkdDTUtXIn0.dGVzdC1rZXk.aXYtaXYtaXYtaXY.cHVibGljLWtleQ.dGFnLXRhZy10YWc';
const CREATED = 1_767_225_600;

const privateKey = createPrivateKey({ key: Buffer.from(PRIVATE_KEY, 'base64'), format: 'der', type: 'pkcs8' });
const publicKey = createPublicKey({ key: Buffer.from(PUBLIC_KEY, 'base64'), format: 'der', type: 'spki' });

const VECTORS = [
  {
    name: 'a GET without a body (getTransactions)',
    request: {
      method: 'GET',
      path: '/sell/finances/v1/transaction',
      authority: 'apiz.ebay.com',
      headers: { 'x-ebay-signature-key': JWE },
    },
    body: undefined,
    signatureInput: 'sig1=("x-ebay-signature-key" "@method" "@path" "@authority");created=1767225600',
    base: [
      `"x-ebay-signature-key": ${JWE}`,
      '"@method": GET',
      '"@path": /sell/finances/v1/transaction',
      '"@authority": apiz.ebay.com',
      '"@signature-params": ("x-ebay-signature-key" "@method" "@path" "@authority");created=1767225600',
    ].join('\n'),
    signature: 'sig1=:ieK6WnjG8kpyCZS5ven5DMUREuuBlfoEsQa9plZlN0Oo4AWdDbI54LxxV8rKMhZ/NbBKkM1otoiIALwoNvlPDA==:',
  },
  {
    name: 'a POST with a JSON body (issueRefund)',
    request: {
      method: 'POST',
      path: '/sell/fulfillment/v1/order/12-34567-89012/issue_refund',
      authority: 'api.ebay.com',
      headers: { 'x-ebay-signature-key': JWE, 'content-digest': 'sha-256=:XEtbBy6H7X2oFdZcEHAdJ67ZQmBLDYYigUdzWY1DEXY=:' },
    },
    body: '{"reasonForRefund":"BUYER_CANCEL","orderLevelRefundAmount":{"value":"10.00","currency":"GBP"}}',
    signatureInput:
      'sig1=("content-digest" "x-ebay-signature-key" "@method" "@path" "@authority");created=1767225600',
    base: [
      '"content-digest": sha-256=:XEtbBy6H7X2oFdZcEHAdJ67ZQmBLDYYigUdzWY1DEXY=:',
      `"x-ebay-signature-key": ${JWE}`,
      '"@method": POST',
      '"@path": /sell/fulfillment/v1/order/12-34567-89012/issue_refund',
      '"@authority": api.ebay.com',
      '"@signature-params": ("content-digest" "x-ebay-signature-key" "@method" "@path" "@authority");created=1767225600',
    ].join('\n'),
    signature: 'sig1=:RGzlndA9RVIqtJbzoCQCjLCRPkYBRvdoBevXzl4sJiZkDv8BChetkEibA20tBTw6eeMJmo9kFC3k3IGHHRycAQ==:',
  },
];

describe('eBay HTTP message signatures: fixed vectors', () => {
  it('uses a key pair whose halves belong together', () => {
    expect(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64')).toBe(PUBLIC_KEY);
  });

  describe.each(VECTORS)('$name', (vector) => {
    const components = componentsFor(vector.body !== undefined);
    const params = signatureParams(components, CREATED);

    it('has the expected Content-Digest, Signature-Input and signature base', () => {
      if (vector.body !== undefined) expect(contentDigest(vector.body)).toBe(vector.request.headers['content-digest']);
      expect(signatureInputHeader(params)).toBe(vector.signatureInput);
      expect(signatureBase(vector.request, components, params)).toBe(vector.base);
    });

    it('has the expected Signature, which verifies with the public key', () => {
      const signature = sign(null, Buffer.from(vector.base), privateKey);

      expect(signatureHeader(signature)).toBe(vector.signature);
      expect(verify(null, Buffer.from(vector.base), publicKey, parseSignature(vector.signature, 'sig1') ?? Buffer.alloc(0))).toBe(
        true,
      );
    });

    it('reads its Signature-Input back to the same base', () => {
      const parsed = parseSignatureInput(vector.signatureInput);

      expect(parsed).toEqual({ label: 'sig1', components, params, createdSeconds: CREATED });
      expect(signatureBase(vector.request, parsed?.components ?? [], parsed?.params ?? '')).toBe(vector.base);
    });
  });
});

describe('eBay HTTP message signatures: the pieces', () => {
  const request = { method: 'get', path: '/p', authority: 'APIZ.eBay.com:8443', headers: { 'x-ebay-signature-key': '  k  ' } };

  it('upper-cases the method, lower-cases the authority and trims header values', () => {
    const base = signatureBase(request, ['x-ebay-signature-key', '@method', '@authority'], '()');

    expect(base).toBe('"x-ebay-signature-key": k\n"@method": GET\n"@authority": apiz.ebay.com:8443\n"@signature-params": ()');
  });

  it('refuses a component the request lacks or the scheme does not know', () => {
    expect(() => signatureBase(request, ['content-digest'], '()')).toThrow(RangeError);
    expect(() => signatureBase(request, ['@query'], '()')).toThrow(RangeError);
    expect(() => signatureBase(request, ['X-Ebay-Signature-Key'], '()')).toThrow(RangeError);
  });

  it.each([
    '',
    'sig1=("@method")',
    'sig1=("@method");created=abc',
    'sig1=(@method);created=1',
    'sig1=("@method");created=1, sig2=("@path");created=1',
  ])('reads no signature input from %j', (header) => {
    expect(parseSignatureInput(header)).toBeUndefined();
  });

  it('reads created among other parameters', () => {
    expect(parseSignatureInput('sig1=("@method");keyid="k";created=5;alg="ed25519"')).toMatchObject({
      components: ['@method'],
      params: '("@method");keyid="k";created=5;alg="ed25519"',
      createdSeconds: 5,
    });
  });

  it('reads a signature only under its label, and sha-256 or sha-512 digests only', () => {
    expect(parseSignature('sig1=:AAEC:', 'sig1')).toEqual(Buffer.from([0, 1, 2]));
    expect(parseSignature('sig2=:AAEC:', 'sig1')).toBeUndefined();
    expect(parseSignature('sig1=AAEC', 'sig1')).toBeUndefined();
    expect(parseContentDigest('sha-512=:AAEC:')).toEqual({ algorithm: 'sha512', digest: Buffer.from([0, 1, 2]) });
    expect(parseContentDigest('md5=:AAEC:')).toBeUndefined();
  });
});
