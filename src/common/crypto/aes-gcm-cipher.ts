import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey } from '../../config/configuration';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Why a stored ciphertext cannot be read, for the caller to turn into its own error. */
export type DecryptionFailure =
  | { readonly kind: 'format' }
  | { readonly kind: 'unknown_key'; readonly keyId: string }
  | { readonly kind: 'wrong_key_or_altered'; readonly keyId: string };

/**
 * AES-256-GCM for secrets at rest: `v1.<kid>.<iv>.<ciphertext>.<tag>` (base64url parts). The key
 * id lets keys rotate: the first key encrypts, any key decrypts. The context (the row and column
 * a ciphertext was written for) is authenticated too, so a ciphertext copied elsewhere does not
 * decrypt. TOKEN_ENCRYPTION_KEYS are its keys, for tokens and webhook secrets alike.
 */
export class AesGcmCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly activeKeyId: string;

  constructor(
    keys: readonly EncryptionKey[],
    private readonly failure: (reason: DecryptionFailure) => Error,
  ) {
    if (keys.length === 0) throw new Error('A cipher needs at least one key');
    this.keys = new Map(keys.map((key) => [key.id, key.key]));
    this.activeKeyId = keys[0].id;
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context));
    const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.activeKeyId, iv, encrypted, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(stored: string, context: string): string {
    const parts = stored.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw this.failure({ kind: 'format' });
    const [, keyId, iv, encrypted, tag] = parts;
    const key = this.keys.get(keyId);
    if (key === undefined) throw this.failure({ kind: 'unknown_key', keyId });
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw this.failure({ kind: 'wrong_key_or_altered', keyId });
    }
  }
}
