import { createPublicKey, type KeyObject } from 'node:crypto';
import { EbayMalformedResponseError } from './ebay.errors';

const ACTION = 'Notification getPublicKey';
const PEM = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/;

/** A notification signing key, as getPublicKey describes it and ready to verify with. */
export interface EbayPublicKey {
  /** `ECDSA` */
  readonly algorithm: string;
  /** `SHA1` */
  readonly digest: string;
  readonly key: KeyObject;
}

/**
 * Reads getPublicKey's answer `{algorithm, digest, key}`. The key is a PEM SubjectPublicKeyInfo
 * that eBay sends on one line, without the line breaks a PEM parser wants (docs/ebay.md,
 * section 11), so the base64 between the markers is decoded as DER instead. Only elliptic-curve
 * ECDSA keys with SHA-1 are accepted: anything else is not what eBay documents.
 */
export function parseEbayPublicKey(body: unknown): EbayPublicKey {
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const { algorithm, digest, key } = fields;
  if (typeof algorithm !== 'string' || typeof digest !== 'string' || typeof key !== 'string') {
    throw new EbayMalformedResponseError(ACTION);
  }
  const base64 = PEM.exec(key)?.[1]?.replace(/\s+/g, '');
  if (algorithm.toUpperCase() !== 'ECDSA' || digest.toUpperCase() !== 'SHA1' || base64 === undefined || base64 === '') {
    throw new EbayMalformedResponseError(ACTION);
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new EbayMalformedResponseError(ACTION);
  }
  if (keyObject.asymmetricKeyType !== 'ec') throw new EbayMalformedResponseError(ACTION);
  return { algorithm, digest, key: keyObject };
}
