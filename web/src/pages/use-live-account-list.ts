import { useEffect, useRef } from 'react';
import { ApiError, api, call } from '../api/client';
import { ACCOUNT_CHANGES, type LiveEvent } from '../api/live-event';
import type { Account } from '../api/types';
import { type LiveChanges, useLiveChanges } from '../lib/use-live-events';
import { isInScope, type Scope } from './account-scope';

/** More changed accounts than this in one burst: one reload of the list instead of a GET each. */
const MAX_REFETCHED = 10;

export interface LiveAccountList {
  readonly scope: Scope;
  readonly userId: string;
  readonly shownIds: ReadonlySet<string>;
  /** No page is left to load: an account new to the scope belongs at the end of what is shown. */
  readonly isComplete: boolean;
  /** Puts the account as it is now in place of the one shown; null takes it off the list. */
  readonly put: (id: string, account: Account | null) => void;
  readonly reload: () => void;
}

/**
 * Keeps an account list current from the event stream without a reload: each account shown
 * that changed is read again and replaced in place (its status, token and refresh error), and
 * an account newly connected in the list's scope reloads it when the list is complete (the
 * list is oldest first, so it goes at the end, on a page not loaded yet otherwise).
 */
export function useLiveAccountList(list: LiveAccountList): void {
  const latest = useRef(list);
  useEffect(() => {
    latest.current = list;
  });
  useLiveChanges(
    (event) => ACCOUNT_CHANGES.has(event.type),
    (changes) => void follow(changes, () => latest.current),
  );
}

async function follow(changes: LiveChanges, current: () => LiveAccountList): Promise<void> {
  const before = current();
  // An account not shown matters only when it is new and the list would end with it.
  const matters = (event: LiveEvent): event is LiveEvent & { readonly accountId: string } =>
    event.accountId !== undefined &&
    (before.shownIds.has(event.accountId) || (event.type === 'account.connected' && before.isComplete));
  const ids = [...new Set(changes.events.filter(matters).map((event) => event.accountId))];
  if (changes.missedSome || ids.length > MAX_REFETCHED) {
    before.reload();
    return;
  }
  const answers = await Promise.all(ids.map(accountNow));
  // The list as it is once the answers are in: it may have loaded more meanwhile.
  const list = current();
  let isNewInScope = false;
  ids.forEach((id, index) => {
    const account = answers[index];
    if (account === undefined) return;
    if (list.shownIds.has(id)) list.put(id, account);
    else if (account !== null && isInScope(account, list.scope, list.userId)) isNewInScope = true;
  });
  if (isNewInScope && list.isComplete) list.reload();
}

/** The account as the service shows it now; null when it shows it no more, undefined when it could not tell. */
async function accountNow(id: string): Promise<Account | null | undefined> {
  try {
    return await call(api.GET('/api/ebay-accounts/{id}', { params: { path: { id } } }));
  } catch (error) {
    // Anything else passes: the next event or "Refresh the list" reads it again.
    return error instanceof ApiError && error.status === 404 ? null : undefined;
  }
}
