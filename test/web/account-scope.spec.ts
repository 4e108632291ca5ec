import type { Account, AccountsPage } from '../../web/src/api/types';
import { isInScope, withAccount } from '../../web/src/pages/account-scope';

const account = (id: string, orgId: string, status: Account['status'] = 'active') => ({ id, orgId, status }) as Account;
const page = (items: Account[], total: number | null = items.length): AccountsPage => ({ items, total, limit: 50, offset: 0, nextCursor: null });

describe('the dashboard’s live changes to its list', () => {
  it('replaces a changed account where it is, and leaves a page without it as it was', () => {
    const shown = page([account('a', 'org-1'), account('b', 'org-1'), account('c', 'org-1')]);
    const changed = withAccount(shown, 'b', account('b', 'org-1', 'reauth_required'));
    expect(changed.items.map((each) => [each.id, each.status])).toEqual([
      ['a', 'active'],
      ['b', 'reauth_required'],
      ['c', 'active'],
    ]);
    expect(changed.total).toBe(3);
    expect(withAccount(shown, 'z', account('z', 'org-1'))).toBe(shown);
  });

  it('takes an account the service no longer shows off its page, and off the count', () => {
    expect(withAccount(page([account('a', 'org-1'), account('b', 'org-1')]), 'a', null)).toMatchObject({ items: [{ id: 'b' }], total: 1 });
    expect(withAccount(page([account('a', 'org-1')], null), 'a', null)).toMatchObject({ items: [], total: null });
  });

  it('counts an account in the scope shown: the user’s own organisation, every one, or the one picked', () => {
    const theirs = account('a', 'user-1');
    expect(isInScope(theirs, { kind: 'mine' }, 'user-1')).toBe(true);
    expect(isInScope(theirs, { kind: 'mine' }, 'user-2')).toBe(false);
    expect(isInScope(theirs, { kind: 'all' }, 'user-2')).toBe(true);
    expect(isInScope(theirs, { kind: 'org', orgId: 'user-1' }, 'user-2')).toBe(true);
    expect(isInScope(theirs, { kind: 'org', orgId: 'user-3' }, 'user-1')).toBe(false);
  });
});
