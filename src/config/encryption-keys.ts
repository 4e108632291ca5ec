import { randomBytes } from 'node:crypto';
import { ConfigurationError } from './configuration.error';
import type { EncryptionKey } from './configuration';

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;

/**
 * Parses TOKEN_ENCRYPTION_KEYS: `kid:base64(32 bytes)[,kid:…]`. The first key is the active
 * one; the others stay usable for decryption while rows move to the active key.
 */
export function parseEncryptionKeys(value: string): EncryptionKey[] {
  const keys = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part, index) => {
      const separator = part.indexOf(':');
      const id = separator > 0 ? part.slice(0, separator) : '';
      const encoded = separator > 0 ? part.slice(separator + 1) : '';
      if (!KEY_ID.test(id)) {
        throw new ConfigurationError(
          `TOKEN_ENCRYPTION_KEYS entry ${index + 1} must look like kid:base64key, with a kid of 1-32 letters, digits, _ or -`,
        );
      }
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== KEY_BYTES || key.toString('base64') !== normaliseBase64(encoded)) {
        throw new ConfigurationError(
          `TOKEN_ENCRYPTION_KEYS key "${id}" must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`,
        );
      }
      return { id, key };
    });
  if (keys.length === 0) {
    throw new ConfigurationError('TOKEN_ENCRYPTION_KEYS must hold at least one kid:base64key');
  }
  const ids = new Set<string>();
  for (const { id } of keys) {
    if (ids.has(id)) throw new ConfigurationError(`TOKEN_ENCRYPTION_KEYS repeats the key id "${id}"`);
    ids.add(id);
  }
  return keys;
}

/** A fresh single-key TOKEN_ENCRYPTION_KEYS value. */
export function generateEncryptionKeys(): string {
  const id = `local${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

function normaliseBase64(encoded: string): string {
  const padded = encoded.replaceAll('-', '+').replaceAll('_', '/');
  return padded + '='.repeat((4 - (padded.length % 4)) % 4);
}
