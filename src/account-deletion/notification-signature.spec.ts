import { generateKeyPairSync, sign } from 'node:crypto';
import { SignatureRejectedError, type SignatureRefusal } from './account-deletion.errors';
import { parseSignatureHeader, verifiesBody } from './notification-signature';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const BODY = Buffer.from('{"metadata":{"topic":"MARKETPLACE_ACCOUNT_DELETION"},"notification":{"notificationId":"n1"}}');

function header(fields: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(fields)).toString('base64');
}

function signed(body: Buffer, encoding: 'der' | 'ieee-p1363' = 'der'): string {
  const signature = sign('sha1', body, { key: privateKey, dsaEncoding: encoding }).toString('base64');
  return header({ alg: 'ecdsa', kid: 'kid-1', signature, digest: 'SHA1' });
}

function refusalOf(value: string | string[] | undefined): SignatureRefusal | undefined {
  try {
    parseSignatureHeader(value);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(SignatureRejectedError);
    return (error as SignatureRejectedError).refusal;
  }
}

describe('notification signatures', () => {
  it('verifies eBay’s signature over the body as received, DER or r‖s', () => {
    expect(verifiesBody(BODY, parseSignatureHeader(signed(BODY)), publicKey)).toBe(true);
    expect(verifiesBody(BODY, parseSignatureHeader(signed(BODY, 'ieee-p1363')), publicKey)).toBe(true);
    expect(parseSignatureHeader(signed(BODY)).kid).toBe('kid-1');
  });

  it('refuses a body changed by one byte, or re-serialised, and another key', () => {
    const signature = parseSignatureHeader(signed(BODY));
    const tampered = Buffer.from(BODY);
    tampered[tampered.length - 3] ^= 1;
    expect(verifiesBody(tampered, signature, publicKey)).toBe(false);
    expect(verifiesBody(Buffer.from(JSON.stringify(JSON.parse(BODY.toString()), null, 1)), signature, publicKey)).toBe(false);
    expect(verifiesBody(BODY, signature, other.publicKey)).toBe(false);
  });

  it('answers false, not an exception, for a signature that is not DER', () => {
    const garbage = header({ alg: 'ecdsa', kid: 'kid-1', signature: Buffer.from('not a signature').toString('base64'), digest: 'SHA1' });
    expect(verifiesBody(BODY, parseSignatureHeader(garbage), publicKey)).toBe(false);
  });

  it.each<[string, string | string[] | undefined, SignatureRefusal]>([
    ['no header', undefined, 'missing'],
    ['an empty header', '', 'missing'],
    ['two headers', ['a', 'b'], 'malformed'],
    ['not base64', 'not base64!', 'malformed'],
    ['base64 of something not JSON', Buffer.from('hello').toString('base64'), 'malformed'],
    ['another algorithm', header({ alg: 'rsa', kid: 'k', signature: 'AAAA', digest: 'SHA1' }), 'malformed'],
    ['another digest', header({ alg: 'ecdsa', kid: 'k', signature: 'AAAA', digest: 'SHA256' }), 'malformed'],
    ['no kid', header({ alg: 'ecdsa', signature: 'AAAA', digest: 'SHA1' }), 'malformed'],
    ['a kid that is a path', header({ alg: 'ecdsa', kid: '../token', signature: 'AAAA', digest: 'SHA1' }), 'malformed'],
    ['no signature', header({ alg: 'ecdsa', kid: 'k', digest: 'SHA1' }), 'malformed'],
    ['JSON that is not an object', Buffer.from('[1]').toString('base64'), 'malformed'],
  ])('refuses %s', (_label, value, refusal) => {
    expect(refusalOf(value)).toBe(refusal);
  });
});
