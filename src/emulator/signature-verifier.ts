import { createHash, verify } from 'node:crypto';
import type { Request } from 'express';
import { signatureErrors } from './ebay-errors';
import type { EbayUser } from './ebay-wire.types';
import type { EmulatorState } from './emulator-state';
import {
  componentsFor,
  parseContentDigest,
  parseSignature,
  parseSignatureInput,
  signatureBase,
} from './http-message-signature';

/**
 * Where eBay wants a signature (docs/ebay.md, section 9): sellers domiciled in the EU or the
 * UK. The emulator reads domicile off the registration marketplace; Switzerland (EBAY_CH) is
 * neither.
 */
const EU_UK_MARKETPLACES: ReadonlySet<string> = new Set([
  'EBAY_GB',
  'EBAY_DE',
  'EBAY_FR',
  'EBAY_IT',
  'EBAY_ES',
  'EBAY_AT',
  'EBAY_BE',
  'EBAY_NL',
  'EBAY_IE',
  'EBAY_PL',
]);

/** How far `created` may be from now, either way (unsure at eBay: docs/emulator.md). */
export const SIGNATURE_CREATED_TOLERANCE_SECONDS = 300;

export function mustSign(seller: EbayUser): boolean {
  return EU_UK_MARKETPLACES.has(seller.registrationMarketplaceId);
}

/**
 * For a call eBay wants signed (every Finances method, Fulfillment issueRefund): an EU or UK
 * seller's must verify; other sellers' pass, and whatever signature they carry is not looked
 * at, as at eBay.
 */
export function requireSignature(req: Request, seller: EbayUser, body: Buffer, state: EmulatorState): void {
  if (mustSign(seller)) verifySignedRequest(req, body, state);
}

/**
 * Checks a request's signature as eBay does, or throws its 400 (errorId 215120) saying why:
 * a key the emulator issued and that has not expired, a `Signature-Input` covering eBay's
 * components, `created` within five minutes of the wall clock (the emulator's clock offset
 * moves eBay's data, not the signer's clock), a Content-Digest matching the body, and a
 * signature over the base that verifies with the key.
 */
export function verifySignedRequest(req: Request, body: Buffer, state: EmulatorState): void {
  const jwe = headerValue(req, 'x-ebay-signature-key');
  if (jwe === undefined) throw signatureErrors.invalid('the x-ebay-signature-key header is missing');
  const signingKey = state.signingKeys.findByJwe(jwe);
  if (signingKey === undefined) throw signatureErrors.invalid('x-ebay-signature-key names no key Key Management issued');
  if (signingKey.key.expirationTime * 1000 <= state.clock.nowMs()) {
    throw signatureErrors.invalid('the signing key named by x-ebay-signature-key has expired');
  }

  const inputHeader = headerValue(req, 'signature-input');
  if (inputHeader === undefined) throw signatureErrors.invalid('the Signature-Input header is missing');
  const input = parseSignatureInput(inputHeader);
  if (input === undefined) throw signatureErrors.invalid('the Signature-Input header is malformed');
  const hasBody = body.length > 0;
  const missing = componentsFor(hasBody).filter((component) => !input.components.includes(component));
  if (missing.length > 0) throw signatureErrors.invalid(`Signature-Input does not cover ${missing.join(', ')}`);
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (Math.abs(nowSeconds - input.createdSeconds) > SIGNATURE_CREATED_TOLERANCE_SECONDS) {
    throw signatureErrors.invalid('created in Signature-Input is not within five minutes of now');
  }

  const digestHeader = headerValue(req, 'content-digest');
  if (hasBody || digestHeader !== undefined) checkContentDigest(digestHeader, body);

  const signatureValue = headerValue(req, 'signature');
  if (signatureValue === undefined) throw signatureErrors.invalid('the Signature header is missing');
  const signature = parseSignature(signatureValue, input.label);
  if (signature === undefined) throw signatureErrors.invalid(`the Signature header holds no ${input.label}=:…: value`);

  let base: string;
  try {
    base = signatureBase(partsOf(req), input.components, input.params);
  } catch (error) {
    if (error instanceof RangeError) throw signatureErrors.invalid(error.message);
    throw error;
  }
  const isValid =
    signingKey.key.signingKeyCipher === 'ED25519'
      ? verify(null, Buffer.from(base), signingKey.publicKey, signature)
      : verify('sha256', Buffer.from(base), signingKey.publicKey, signature);
  if (!isValid) throw signatureErrors.invalid('the signature does not verify');
}

function checkContentDigest(header: string | undefined, body: Buffer): void {
  if (header === undefined) throw signatureErrors.invalid('the request has a body and no Content-Digest header');
  const digest = parseContentDigest(header);
  if (digest === undefined) throw signatureErrors.invalid('the Content-Digest header is not sha-256=:…: or sha-512=:…:');
  if (!createHash(digest.algorithm).update(body).digest().equals(digest.digest)) {
    throw signatureErrors.invalid('Content-Digest does not match the body');
  }
}

function partsOf(req: Request): Parameters<typeof signatureBase>[0] {
  const questionMark = req.originalUrl.indexOf('?');
  const headers = Object.fromEntries(Object.keys(req.headers).map((name) => [name, headerValue(req, name)]));
  return {
    method: req.method,
    path: questionMark === -1 ? req.originalUrl : req.originalUrl.slice(0, questionMark),
    authority: req.headers.host ?? '',
    headers,
  };
}

/** One header's value; repeated ones joined as RFC 9421 (2.1) combines them. */
function headerValue(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
