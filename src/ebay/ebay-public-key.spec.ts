import { generateKeyPairSync } from 'node:crypto';
import { EbayMalformedResponseError } from './ebay.errors';
import { parseEbayPublicKey } from './ebay-public-key';

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
const pem = (key: typeof ec): string => key.export({ format: 'pem', type: 'spki' }).toString();
const oneLine = (text: string): string => text.replace(/\n/g, '');

describe('parseEbayPublicKey', () => {
  it('reads the key as eBay sends it, on one line, and as a PEM with line breaks', () => {
    for (const key of [oneLine(pem(ec)), pem(ec)]) {
      const parsed = parseEbayPublicKey({ algorithm: 'ECDSA', digest: 'SHA1', key });
      expect(parsed.key.equals(ec)).toBe(true);
    }
  });

  it.each([
    ['not an object', 'key'],
    ['no key', { algorithm: 'ECDSA', digest: 'SHA1' }],
    ['another algorithm', { algorithm: 'RSA', digest: 'SHA1', key: oneLine(pem(ec)) }],
    ['another digest', { algorithm: 'ECDSA', digest: 'SHA256', key: oneLine(pem(ec)) }],
    ['an RSA key', { algorithm: 'ECDSA', digest: 'SHA1', key: oneLine(pem(rsa)) }],
    ['no PEM markers', { algorithm: 'ECDSA', digest: 'SHA1', key: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQc' }],
    ['base64 that is no key', { algorithm: 'ECDSA', digest: 'SHA1', key: '-----BEGIN PUBLIC KEY-----AAAA-----END PUBLIC KEY-----' }],
  ])('refuses %s as an unreadable answer', (_label, body) => {
    expect(() => parseEbayPublicKey(body)).toThrow(EbayMalformedResponseError);
  });
});
