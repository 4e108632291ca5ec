import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AesGcmCipher, type DecryptionFailure } from '../../common/crypto/aes-gcm-cipher';
import { DomainError } from '../../common/errors/domain.error';
import { TokensConfig } from '../../config/configuration';

/** Standard Webhooks' form: `whsec_` and the base64 of 32 random bytes (the HMAC key). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export type SecretColumn = 'secret' | 'previous_secret';

/** The additional authenticated data of a stored secret: it decrypts only for its endpoint and column. */
export function secretContext(endpointId: string, column: SecretColumn): string {
  return `webhook_endpoints:${endpointId}:${column}`;
}

export class WebhookSecretDecryptionError extends DomainError {
  readonly kind = 'unavailable';
  override readonly code = 'webhook_secret_decryption_failed';
}

/** Webhook secrets at rest, with the keys tokens use (TOKEN_ENCRYPTION_KEYS; `npm run tokens:reencrypt` rotates both). */
@Injectable()
export class WebhookSecretCipher extends AesGcmCipher {
  constructor(config: TokensConfig) {
    super(
      config.encryptionKeys,
      (reason: DecryptionFailure) =>
        new WebhookSecretDecryptionError(
          reason.kind === 'format'
            ? 'A stored webhook secret is not in a format this service can read'
            : `A stored webhook secret could not be decrypted with key "${reason.keyId}"`,
        ),
    );
  }
}
