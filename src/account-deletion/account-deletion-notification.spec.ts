import { UnreadableNotificationError } from './account-deletion.errors';
import { readAccountDeletion } from './account-deletion-notification';

const NOTIFICATION = {
  metadata: { topic: 'MARKETPLACE_ACCOUNT_DELETION', schemaVersion: '1.0', deprecated: false },
  notification: {
    notificationId: '49fe1a2b-0000-4000-8000-000000000001',
    eventDate: '2026-03-19T20:43:59.462Z',
    publishDate: '2026-03-19T20:43:59.679Z',
    publishAttemptCount: 1,
    data: { username: 'test_user', userId: 'ma8vp1jySJC', eiasToken: 'nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wFk4GgDpeEpgydj6x9nY+seQ==' },
  },
};

function codeOf(body: unknown): string | undefined {
  try {
    readAccountDeletion(body);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableNotificationError);
    return (error as UnreadableNotificationError).code;
  }
}

describe('readAccountDeletion', () => {
  it('reads the notification id, the eBay user id and username, and ignores fields it does not use', () => {
    const extended = { ...NOTIFICATION, notification: { ...NOTIFICATION.notification, newField: { x: 1 } } };
    expect(readAccountDeletion(extended)).toEqual({
      notificationId: '49fe1a2b-0000-4000-8000-000000000001',
      ebayUserId: 'ma8vp1jySJC',
      username: 'test_user',
    });
  });

  it('reads a deletion without a usable username as one of the user id alone', () => {
    for (const username of [undefined, '', ' padded ', 42, { name: 'x' }, 'x'.repeat(129)]) {
      const body = { ...NOTIFICATION, notification: { ...NOTIFICATION.notification, data: { userId: 'ma8vp1jySJC', username } } };
      expect(readAccountDeletion(body)).toEqual({ notificationId: '49fe1a2b-0000-4000-8000-000000000001', ebayUserId: 'ma8vp1jySJC' });
    }
  });

  it('refuses another topic, and a deletion without the ids it needs', () => {
    expect(codeOf({ ...NOTIFICATION, metadata: { topic: 'ITEM_SOLD' } })).toBe('unsupported_topic');
    expect(codeOf({})).toBe('unsupported_topic');
    expect(codeOf([])).toBe('unsupported_topic');
    const without = (data: Record<string, unknown>): unknown => ({ ...NOTIFICATION, notification: { ...NOTIFICATION.notification, data } });
    expect(codeOf(without({ username: 'x' }))).toBe('invalid_notification');
    expect(codeOf(without({ userId: '' }))).toBe('invalid_notification');
    expect(codeOf(without({ userId: 42 }))).toBe('invalid_notification');
    expect(codeOf(without({ userId: 'x'.repeat(129) }))).toBe('invalid_notification');
    expect(codeOf({ ...NOTIFICATION, notification: { data: { userId: 'u' } } })).toBe('invalid_notification');
  });
});
