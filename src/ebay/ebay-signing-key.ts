import { EbayMalformedResponseError } from './ebay.errors';
import { ed25519PrivateKey } from './http-message-signature';

const ACTION = 'Key Management createSigningKey';

/**
 * A signing key as createSigningKey hands it out: the only time eBay shows the private key
 * (docs/ebay.md, section 9). Keys are base64 DER (public SPKI, private PKCS#8).
 */
export interface CreatedSigningKey {
  readonly signingKeyId: string;
  readonly signingKeyCipher: 'ED25519';
  readonly publicKey: string;
  readonly privateKey: string;
  readonly jwe: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/**
 * Reads createSigningKey's answer. Anything but an Ed25519 key with a usable private key and
 * an expiry in the future of its creation is not what was asked for.
 */
export function parseCreatedSigningKey(body: unknown, now: Date): CreatedSigningKey {
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const { signingKeyId, signingKeyCipher, publicKey, privateKey, jwe, creationTime, expirationTime } = fields;
  if (
    !isText(signingKeyId) ||
    signingKeyCipher !== 'ED25519' ||
    !isText(publicKey) ||
    !isText(privateKey) ||
    !isText(jwe) ||
    !isSeconds(expirationTime) ||
    (creationTime !== undefined && !isSeconds(creationTime))
  ) {
    throw new EbayMalformedResponseError(ACTION);
  }
  const createdAt = creationTime === undefined ? now : new Date(creationTime * 1000);
  const expiresAt = new Date(expirationTime * 1000);
  if (expiresAt <= createdAt) throw new EbayMalformedResponseError(ACTION);
  try {
    ed25519PrivateKey(privateKey);
  } catch {
    throw new EbayMalformedResponseError(ACTION);
  }
  return { signingKeyId, signingKeyCipher, publicKey, privateKey, jwe, createdAt, expiresAt };
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
