import { randomBytes } from 'node:crypto';
import type { TokensConfig } from '../config/configuration';
import { TokenCipher, TokenDecryptionError } from './token-cipher';

function cipherWith(...ids: string[]): TokenCipher {
  return new TokenCipher({ encryptionKeys: ids.map((id) => ({ id, key: keyFor(id) })) } as unknown as TokensConfig);
}

const keyMaterial = new Map<string, Buffer>();
function keyFor(id: string): Buffer {
  if (!keyMaterial.has(id)) keyMaterial.set(id, randomBytes(32));
  return keyMaterial.get(id)!;
}

const TOKEN = 'v^1.1#i^1#p^3#r^1#I^3#f^0#t^H4sIAAAAAAAAAO1Y';
const CONTEXT = 'account-1:access_token';

describe('TokenCipher', () => {
  it('round-trips a token and never stores it in clear', () => {
    const cipher = cipherWith('k1');
    const stored = cipher.encrypt(TOKEN, CONTEXT);

    expect(stored).not.toContain(TOKEN);
    expect(stored.startsWith('v1.k1.')).toBe(true);
    expect(cipher.decrypt(stored, CONTEXT)).toBe(TOKEN);
  });

  it('uses a fresh IV each time', () => {
    const cipher = cipherWith('k1');
    expect(cipher.encrypt(TOKEN, CONTEXT)).not.toBe(cipher.encrypt(TOKEN, CONTEXT));
  });

  it('encrypts with the first key and decrypts with any configured key', () => {
    const old = cipherWith('old').encrypt(TOKEN, CONTEXT);
    const rotated = cipherWith('new', 'old');

    expect(rotated.decrypt(old, CONTEXT)).toBe(TOKEN);
    expect(rotated.encrypt(TOKEN, CONTEXT).startsWith('v1.new.')).toBe(true);
  });

  it('names a missing key instead of returning garbage', () => {
    const stored = cipherWith('gone').encrypt(TOKEN, CONTEXT);
    expect(() => cipherWith('k1').decrypt(stored, CONTEXT)).toThrow(
      new TokenDecryptionError('A stored token was encrypted with key "gone", which is not in TOKEN_ENCRYPTION_KEYS'),
    );
  });

  it('refuses a wrong key under the right id, tampering, and a ciphertext moved to another row', () => {
    const stored = cipherWith('k1').encrypt(TOKEN, CONTEXT);
    const impostor = new TokenCipher({ encryptionKeys: [{ id: 'k1', key: randomBytes(32) }] } as unknown as TokensConfig);
    expect(() => impostor.decrypt(stored, CONTEXT)).toThrow(TokenDecryptionError);

    const parts = stored.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    parts[3] = flipped.toString('base64url');
    expect(() => cipherWith('k1').decrypt(parts.join('.'), CONTEXT)).toThrow(/key is wrong or the data was altered/);

    expect(() => cipherWith('k1').decrypt(stored, 'account-2:access_token')).toThrow(TokenDecryptionError);
    expect(() => cipherWith('k1').decrypt('plaintext-token', CONTEXT)).toThrow(/not in a format/);
  });
});
