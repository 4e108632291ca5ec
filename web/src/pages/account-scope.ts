import type { Account, AccountsPage } from '../api/types';

/** Whose accounts the list shows: the caller's organisation, every one, or one (admins). */
export type Scope = { readonly kind: 'mine' } | { readonly kind: 'all' } | { readonly kind: 'org'; readonly orgId: string };

/** Whether the list would hold the account; every user is an organisation of their own (its id is theirs). */
export function isInScope(account: Account, scope: Scope, userId: string): boolean {
  switch (scope.kind) {
    case 'mine':
      return account.orgId === userId;
    case 'all':
      return true;
    case 'org':
      return account.orgId === scope.orgId;
  }
}

/** The page with the account as it is now, or without it (null: the service no longer shows it). */
export function withAccount(page: AccountsPage, id: string, account: Account | null): AccountsPage {
  if (!page.items.some((each) => each.id === id)) return page;
  if (account !== null) return { ...page, items: page.items.map((each) => (each.id === id ? account : each)) };
  return {
    ...page,
    items: page.items.filter((each) => each.id !== id),
    total: page.total === null ? null : page.total - 1,
  };
}
