import { type KeyObject, verify } from 'node:crypto';
import { SignatureRejectedError } from './account-deletion.errors';

/** The decoded X-EBAY-SIGNATURE header. */
export interface NotificationSignature {
  readonly kid: string;
  /** The signature's bytes (DER-encoded ECDSA, as eBay sends it). */
  readonly signature: Buffer;
}

/** Longer than any header eBay sends; a longer one is not worth decoding. */
const MAX_HEADER_LENGTH = 4096;
const KID = /^[A-Za-z0-9._~-]{1,128}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** r‖s of P-256, the form a signature takes when it is not DER. */
const P1363_P256_LENGTH = 64;

/**
 * Reads X-EBAY-SIGNATURE: base64 of JSON `{"alg":"ecdsa","kid":"…","signature":"<base64>",
 * "digest":"SHA1"}` (docs/ebay.md, section 11). Anything else is refused, as 412.
 */
export function parseSignatureHeader(header: string | string[] | undefined): NotificationSignature {
  if (header === undefined || header === '') throw new SignatureRejectedError('missing');
  if (Array.isArray(header) || header.length > MAX_HEADER_LENGTH || !BASE64.test(header.trim())) {
    throw new SignatureRejectedError('malformed');
  }
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(header.trim(), 'base64').toString('utf8'));
  } catch {
    throw new SignatureRejectedError('malformed');
  }
  const { alg, kid, signature, digest } = (typeof fields === 'object' && fields !== null ? fields : {}) as Record<string, unknown>;
  const isEcdsaSha1 = typeof alg === 'string' && alg.toLowerCase() === 'ecdsa' && typeof digest === 'string' && digest.toUpperCase() === 'SHA1';
  if (!isEcdsaSha1 || typeof kid !== 'string' || !KID.test(kid) || typeof signature !== 'string' || !BASE64.test(signature)) {
    throw new SignatureRejectedError('malformed');
  }
  return { kid, signature: Buffer.from(signature, 'base64') };
}

/**
 * Whether `signature` is the key's ECDSA signature, with SHA-1, over the body bytes exactly as
 * received. eBay's signatures are DER; a 64-byte r‖s is tried as such too (docs/ebay.md
 * marks the encoding unsure), which accepts nothing the key did not sign.
 */
export function verifiesBody(body: Buffer, signature: NotificationSignature, key: KeyObject): boolean {
  if (safeVerify(body, key, signature.signature, 'der')) return true;
  return signature.signature.length === P1363_P256_LENGTH && safeVerify(body, key, signature.signature, 'ieee-p1363');
}

function safeVerify(body: Buffer, key: KeyObject, signature: Buffer, dsaEncoding: 'der' | 'ieee-p1363'): boolean {
  try {
    return verify('sha1', body, { key, dsaEncoding }, signature);
  } catch {
    // An unparseable DER signature throws rather than answering false.
    return false;
  }
}
