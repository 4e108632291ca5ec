import { createSecretKey, type KeyObject } from 'node:crypto';
import type { AuthConfig } from '../config/configuration';

/** The one place that says how the service's JWTs are signed and checked. */
export const JWT_ALGORITHM = 'HS256';
export const JWT_ISSUER = 'ebay-connect';

const keys = new WeakMap<AuthConfig, KeyObject>();

/**
 * The HMAC key as a KeyObject, made once per configuration: handed a string, jsonwebtoken
 * first tries (and fails) to read it as a PEM public key on every verification.
 */
export function jwtKey(config: AuthConfig): KeyObject {
  let key = keys.get(config);
  if (key === undefined) {
    key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
    keys.set(config, key);
  }
  return key;
}
