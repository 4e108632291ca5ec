import { Injectable, Logger } from '@nestjs/common';
import { AccountDeletionConfig, type AccountDeletionEndpoint } from '../config/configuration';
import { DeletionEndpointNotConfiguredError, SignatureRejectedError } from './account-deletion.errors';
import { readAccountDeletion } from './account-deletion-notification';
import { challengeResponse } from './challenge-response';
import { type ErasureOutcome, EbayUserEraser } from './ebay-user-eraser';
import { parseSignatureHeader, verifiesBody } from './notification-signature';
import { SigningKeyCache } from './signing-key-cache';

/** A notification as it arrived: the body's bytes, its parsed JSON, the signature header. */
export interface ReceivedNotification {
  readonly rawBody: Buffer;
  readonly body: unknown;
  readonly signatureHeader: string | string[] | undefined;
}

/**
 * eBay's Marketplace Account Deletion: answers the endpoint check, and for a notification
 * verifies its signature, reads it and erases that eBay user's data. Nothing is read from a
 * notification before its signature verifies.
 */
@Injectable()
export class AccountDeletionService {
  private readonly logger = new Logger('AccountDeletion');

  constructor(
    private readonly config: AccountDeletionConfig,
    private readonly keys: SigningKeyCache,
    private readonly eraser: EbayUserEraser,
  ) {}

  /** Whether the endpoint is configured (unset, both routes answer 404). */
  get isConfigured(): boolean {
    return this.config.endpoint !== undefined;
  }

  /** The answer to eBay's `challenge_code`. */
  challengeResponse(challengeCode: string): string {
    const { verificationToken, endpointUrl } = this.endpoint();
    return challengeResponse(challengeCode, verificationToken, endpointUrl);
  }

  /** Verifies, reads and applies one notification; throws (412, 400, 503…) when it cannot. */
  async handle(received: ReceivedNotification): Promise<ErasureOutcome> {
    this.endpoint();
    try {
      const signature = parseSignatureHeader(received.signatureHeader);
      const key = await this.keys.keyFor(signature.kid);
      if (!verifiesBody(received.rawBody, signature, key)) throw new SignatureRejectedError('mismatch');
    } catch (error) {
      if (error instanceof SignatureRejectedError) this.logger.warn({ refusal: error.refusal }, 'Refused a notification whose signature did not verify');
      throw error;
    }
    const notification = readAccountDeletion(received.body);
    const outcome = await this.eraser.erase(notification);
    // The eBay user's id and name stay out of the log: the audit row is the record.
    if (outcome.kind === 'erased') {
      this.logger.log(
        { notificationId: notification.notificationId, ...erasedCounts(outcome) },
        'Marketplace Account Deletion: erased what was held about the eBay user',
      );
    } else {
      this.logger.log({ notificationId: notification.notificationId }, 'Marketplace Account Deletion: nothing held about this eBay user');
    }
    return outcome;
  }

  private endpoint(): AccountDeletionEndpoint {
    const { endpoint } = this.config;
    if (endpoint === undefined) throw new DeletionEndpointNotConfiguredError();
    return endpoint;
  }
}

/** Counts only: which records they were would name the user. */
function erasedCounts(outcome: Extract<ErasureOutcome, { kind: 'erased' }>): Record<string, number> {
  return {
    erasedAccounts: outcome.accountIds.length,
    erasedOrders: outcome.syncedData.orders,
    erasedTransactions: outcome.syncedData.transactions,
    redactedOrders: outcome.asBuyer.orders,
    redactedTransactions: outcome.asBuyer.transactions,
  };
}
