import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain.error';
import { type EncryptionKey, TokensConfig } from '../config/configuration';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored token that this service cannot read: a missing or wrong key, or tampering. */
export class TokenDecryptionError extends DomainError {
  readonly kind = 'unavailable';
  override readonly code = 'token_decryption_failed';
}

/**
 * AES-256-GCM for tokens at rest: `v1.<kid>.<iv>.<ciphertext>.<tag>` (base64url parts). The key
 * id lets keys rotate: the first configured key encrypts, any configured key decrypts. The
 * context (account and column) is authenticated too, so a ciphertext copied to another row
 * or column does not decrypt.
 */
@Injectable()
export class TokenCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly activeKeyId: string;

  constructor(config: TokensConfig) {
    const keys: readonly EncryptionKey[] = config.encryptionKeys;
    if (keys.length === 0) throw new Error('TokenCipher needs at least one key');
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
    if (parts.length !== 5 || parts[0] !== VERSION) {
      throw new TokenDecryptionError('A stored token is not in a format this service can read');
    }
    const [, keyId, iv, encrypted, tag] = parts;
    const key = this.keys.get(keyId);
    if (key === undefined) {
      throw new TokenDecryptionError(
        `A stored token was encrypted with key "${keyId}", which is not in TOKEN_ENCRYPTION_KEYS`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenDecryptionError(
        `A stored token could not be decrypted with key "${keyId}": the key is wrong or the data was altered`,
      );
    }
  }

}
