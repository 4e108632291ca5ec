/** Marketplace Account Deletion as the emulator's control API and its notifier speak it. */

/** The endpoint an app subscribed for Marketplace Account Deletion, as its developer portal holds it. */
export interface AccountDeletionEndpoint {
  endpointUrl: string;
  verificationToken: string;
}

/** Who a notification is about, and how it differs from the default one. */
export interface AccountDeletionRequest {
  /** A test user; or `userId` (and optionally `username`) for someone the emulator does not know. */
  username?: string;
  userId?: string;
  /** Default: a fresh UUID; the same id again is what a resend by eBay looks like. */
  notificationId?: string;
  /** Default MARKETPLACE_ACCOUNT_DELETION. */
  topic?: string;
  /** Default 1. */
  publishAttemptCount?: number;
}

/** A notification signed as eBay signs it, not sent: a test may change it before sending it itself. */
export interface SignedNotification {
  notificationId: string;
  userId: string;
  /** The exact JSON text that is signed. */
  body: string;
  /** The X-EBAY-SIGNATURE value. */
  signature: string;
  kid: string;
}

export interface DeliveryResult {
  notificationId: string;
  userId: string;
  /** The HTTP status the endpoint answered. */
  status: number;
}
