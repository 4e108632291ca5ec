import { DomainError } from '../common/errors/domain.error';

/** EBAY_DELETION_VERIFICATION_TOKEN and EBAY_DELETION_ENDPOINT_URL are unset: there is no endpoint. */
export class DeletionEndpointNotConfiguredError extends DomainError {
  readonly kind = 'not_found';
  override readonly code = 'account_deletion_not_configured';
  constructor() {
    super('Marketplace Account Deletion is not configured on this service (README: Marketplace Account Deletion)');
  }
}

/** Why a notification's signature was refused; said in the answer and the log, never with the body. */
export type SignatureRefusal = 'missing' | 'malformed' | 'unknown_key' | 'mismatch';

const REFUSALS: Readonly<Record<SignatureRefusal, string>> = {
  missing: 'the X-EBAY-SIGNATURE header is missing',
  malformed: 'the X-EBAY-SIGNATURE header is not base64 JSON {alg: ecdsa, kid, signature, digest: SHA1}',
  unknown_key: 'eBay knows no public key with the signature’s kid',
  mismatch: 'the signature does not verify over the body as received',
};

/** eBay's answer for a notification that does not verify: 412, and nothing is done. */
export class SignatureRejectedError extends DomainError {
  readonly kind = 'precondition_failed';
  override readonly code = 'signature_invalid';
  constructor(readonly refusal: SignatureRefusal) {
    super(`The notification was not verified: ${REFUSALS[refusal]}; nothing was deleted`);
  }
}

/** A verified notification that is not a Marketplace Account Deletion we can read. */
export class UnreadableNotificationError extends DomainError {
  readonly kind = 'invalid';
  override readonly code: string;
  constructor(code: 'unsupported_topic' | 'invalid_notification', detail: string) {
    super(`${detail}; nothing was deleted`);
    this.code = code;
  }
}

/** Too many keys were asked of eBay just now (a flood of made-up kids); eBay resends later. */
export class SigningKeyLookupsExhaustedError extends DomainError {
  readonly kind = 'unavailable';
  override readonly code = 'signing_key_lookups_exhausted';
  constructor(override readonly retryAfterSeconds: number) {
    super('Too many unknown signing keys were looked up at eBay just now; try again later');
  }
}
