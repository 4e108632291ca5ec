import { UnreadableNotificationError } from './account-deletion.errors';

export const ACCOUNT_DELETION_TOPIC = 'MARKETPLACE_ACCOUNT_DELETION';
/** Longer than any id eBay sends, and the audit table's key stays small. */
const MAX_ID_LENGTH = 128;

/** What a verified deletion tells us: which notification, which eBay user. */
export interface AccountDeletionNotification {
  readonly notificationId: string;
  /** eBay's immutable user id, as `ebay_accounts.ebay_user_id` holds it. */
  readonly ebayUserId: string;
  /**
   * The user's eBay username, as stored orders and transactions name their buyer. Absent when
   * eBay sent none (or something that is not one): the accounts are erased all the same.
   */
  readonly username?: string;
}

/**
 * Reads a verified notification (docs/ebay.md, section 11). Only the fields we act on are
 * checked: eBay may add others, and a notification refused for a field we never read would
 * be resent for a day with the user's data still here. For the same reason a missing or odd
 * `username` is left out rather than refused: the ids alone still erase the user's accounts.
 */
export function readAccountDeletion(body: unknown): AccountDeletionNotification {
  const metadata = record(record(body)?.metadata);
  const notification = record(record(body)?.notification);
  const topic = metadata?.topic;
  if (topic !== ACCOUNT_DELETION_TOPIC) {
    throw new UnreadableNotificationError(
      'unsupported_topic',
      `Only ${ACCOUNT_DELETION_TOPIC} notifications are taken here, not ${typeof topic === 'string' ? topic.slice(0, 64) : 'one without metadata.topic'}`,
    );
  }
  const notificationId = notification?.notificationId;
  const ebayUserId = record(notification?.data)?.userId;
  if (!isId(notificationId) || !isId(ebayUserId)) {
    throw new UnreadableNotificationError(
      'invalid_notification',
      `A ${ACCOUNT_DELETION_TOPIC} notification needs notification.notificationId and notification.data.userId (1 to ${MAX_ID_LENGTH} characters)`,
    );
  }
  const username = record(notification?.data)?.username;
  return { notificationId, ebayUserId, ...(isId(username) ? { username } : {}) };
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH && value.trim() === value;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
