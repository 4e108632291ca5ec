import { Injectable } from '@nestjs/common';
import { AesGcmCipher, type DecryptionFailure } from '../common/crypto/aes-gcm-cipher';
import { DomainError } from '../common/errors/domain.error';
import { TokensConfig } from '../config/configuration';

/** A stored token that this service cannot read: a missing or wrong key, or tampering. */
export class TokenDecryptionError extends DomainError {
  readonly kind = 'unavailable';
  override readonly code = 'token_decryption_failed';
}

/**
 * Tokens at rest (src/common/crypto/aes-gcm-cipher.ts) with TOKEN_ENCRYPTION_KEYS; the context
 * names the account and column (src/tokens/token-context.ts).
 */
@Injectable()
export class TokenCipher extends AesGcmCipher {
  constructor(config: TokensConfig) {
    super(config.encryptionKeys, tokenDecryptionError);
  }
}

function tokenDecryptionError(reason: DecryptionFailure): TokenDecryptionError {
  switch (reason.kind) {
    case 'format':
      return new TokenDecryptionError('A stored token is not in a format this service can read');
    case 'unknown_key':
      return new TokenDecryptionError(
        `A stored token was encrypted with key "${reason.keyId}", which is not in TOKEN_ENCRYPTION_KEYS`,
      );
    case 'wrong_key_or_altered':
      return new TokenDecryptionError(
        `A stored token could not be decrypted with key "${reason.keyId}": the key is wrong or the data was altered`,
      );
  }
}
