import { createHash } from 'node:crypto';

/**
 * eBay's endpoint check: hex SHA-256 of the challenge code, the verification token and the
 * endpoint URL, concatenated in that order, the URL exactly as registered (docs/ebay.md,
 * section 11).
 */
export function challengeResponse(challengeCode: string, verificationToken: string, endpointUrl: string): string {
  return createHash('sha256').update(challengeCode).update(verificationToken).update(endpointUrl).digest('hex');
}
