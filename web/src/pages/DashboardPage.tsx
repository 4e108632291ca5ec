import { useState } from 'react';
import { api, call, describeFailure } from '../api/client';
import type { Account, AccountsPage, AdminUsersPage } from '../api/types';
import { PURPOSE_LABELS } from '../api/vocabulary';
import { useCurrentUser } from '../app/current-user';
import { Link } from '../app/router';
import { Loading, Notice } from '../components/Notice';
import { ReconnectButton } from '../components/ReconnectButton';
import { StatusBadge } from '../components/StatusBadge';
import { Ago, TokenExpiry } from '../components/TokenExpiry';
import { type Resource, useResource } from '../lib/use-resource';
import { type Scope, withAccount } from './account-scope';
import { OverviewPanel } from './OverviewPanel';
import { useLiveAccountList } from './use-live-account-list';

const PAGE_SIZE = 50;

export function DashboardPage() {
  const user = useCurrentUser();
  const [scope, setScope] = useState<Scope>({ kind: 'mine' });
  // Every user is an organisation of their own (its id is theirs): the filter's choices, and the
  // names of the organisations when the list shows them all.
  const organisations = useResource(
    () => (user.isAdmin ? call(api.GET('/api/admin/users', { params: { query: { limit: 200 } } })) : Promise.resolve(null)),
    [user.isAdmin],
  );
  const emails = new Map(organisations.data?.items.map((each) => [each.id, each.email]));

  return (
    <>
      <div className="page-head">
        <h1>eBay accounts</h1>
        <Link to="/connect" className="button primary">
          Connect an eBay account
        </Link>
      </div>
      {user.isAdmin && <OverviewPanel />}
      {user.isAdmin && <ScopePicker scope={scope} onChange={setScope} organisations={organisations} />}
      <AccountList
        key={JSON.stringify(scope)}
        scope={scope}
        userId={user.id}
        organisationOf={scope.kind === 'all' ? (id) => emails.get(id) ?? id : undefined}
      />
    </>
  );
}

interface ScopePickerProps {
  readonly scope: Scope;
  readonly onChange: (scope: Scope) => void;
  readonly organisations: Resource<AdminUsersPage | null>;
}

function ScopePicker({ scope, onChange, organisations: users }: ScopePickerProps) {
  const value = scope.kind === 'org' ? scope.orgId : scope.kind;

  return (
    <div className="filters">
      <label htmlFor="org-filter">Organisation</label>
      <select
        id="org-filter"
        value={value}
        onChange={(event) => {
          const chosen = event.target.value;
          onChange(chosen === 'mine' || chosen === 'all' ? { kind: chosen } : { kind: 'org', orgId: chosen });
        }}
      >
        <option value="mine">Mine</option>
        <option value="all">Every organisation</option>
        {users.data?.items.map((each) => (
          <option key={each.id} value={each.id}>
            {each.email}
          </option>
        ))}
      </select>
      {users.state === 'failed' && <span className="hint">Could not list the organisations: {users.error}</span>}
      {users.data != null && users.data.total > users.data.items.length && (
        <span className="hint">The first {users.data.items.length} of {users.data.total} organisations are listed.</span>
      )}
    </div>
  );
}

interface AccountListProps {
  readonly scope: Scope;
  readonly userId: string;
  /** Set when the list holds several organisations' accounts: the name to show for one. */
  readonly organisationOf?: (orgId: string) => string;
}

function AccountList({ scope, userId, organisationOf }: AccountListProps) {
  const query = {
    limit: PAGE_SIZE,
    ...(scope.kind === 'all' ? { all: true } : {}),
    ...(scope.kind === 'org' ? { orgId: scope.orgId } : {}),
  };
  const first = useResource(() => call(api.GET('/api/ebay-accounts', { params: { query } })), []);
  // Pages after the first, read by nextCursor; a reload starts from the first page again.
  const [later, setLater] = useState<AccountsPage[]>([]);
  const [more, setMore] = useState<{ readonly busy: boolean; readonly error?: string }>({ busy: false });
  const pages = first.data === undefined ? [] : [first.data, ...later];

  const reload = () => {
    setLater([]);
    first.reload();
  };
  useLiveAccountList({
    scope,
    userId,
    shownIds: new Set(pages.flatMap((page) => page.items.map((account) => account.id))),
    isComplete: first.data !== undefined && pages.at(-1)?.nextCursor === null,
    put: (id, account) => {
      first.update((page) => withAccount(page, id, account));
      setLater((previous) => previous.map((page) => withAccount(page, id, account)));
    },
    reload,
  });
  const loadMore = async (after: string) => {
    setMore({ busy: true });
    try {
      const page = await call(api.GET('/api/ebay-accounts', { params: { query: { ...query, after } } }));
      setLater((previous) => [...previous, page]);
      setMore({ busy: false });
    } catch (error) {
      setMore({ busy: false, error: describeFailure(error) });
    }
  };

  if (first.state === 'failed') {
    return (
      <Notice tone="error">
        Could not load the accounts: {first.error}{' '}
        <button type="button" onClick={reload}>
          Try again
        </button>
      </Notice>
    );
  }
  if (first.state === 'loading' && pages.length === 0) return <Loading what="the accounts" />;

  const accounts = pages.flatMap((page) => page.items);
  const next = pages.at(-1)?.nextCursor ?? null;
  const total = pages[0]?.total;
  if (accounts.length === 0) {
    return (
      <div className="empty card">
        <h2>No eBay accounts yet</h2>
        <p>
          {scope.kind === 'mine'
            ? 'Connect the first one: you will pick a seller on eBay’s consent page (the emulator’s, locally) and agree.'
            : 'This organisation has no eBay accounts.'}
        </p>
        {scope.kind === 'mine' && (
          <Link to="/connect" className="button primary">
            Connect an eBay account
          </Link>
        )}
      </div>
    );
  }
  return (
    <section aria-labelledby="accounts-heading">
      <h2 id="accounts-heading" className="visually-hidden">
        Accounts
      </h2>
      <p className="muted">
        {total === null || total === undefined ? `${accounts.length} shown` : `${accounts.length} of ${total} shown`}
        <button type="button" className="link-button refresh-list" onClick={reload}>
          Refresh the list
        </button>
      </p>
      <div className="table-scroll" role="region" aria-labelledby="accounts-heading" tabIndex={0}>
        <table className="accounts">
          <thead>
            <tr>
              <th scope="col">House name</th>
              {organisationOf !== undefined && <th scope="col">Organisation</th>}
              <th scope="col">eBay user</th>
              <th scope="col">Purpose</th>
              <th scope="col">Marketplace</th>
              <th scope="col">Status</th>
              <th scope="col">Token expires</th>
              <th scope="col">Last refresh</th>
              <th scope="col">Attention</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <AccountRow key={account.id} account={account} organisation={organisationOf?.(account.orgId)} />
            ))}
          </tbody>
        </table>
      </div>
      {next !== null && (
        <p>
          <button type="button" disabled={more.busy} onClick={() => void loadMore(next)}>
            {more.busy ? 'Loading more accounts…' : 'Load more accounts'}
          </button>
        </p>
      )}
      {more.error !== undefined && <Notice tone="error">Could not load more accounts: {more.error}</Notice>}
    </section>
  );
}

function AccountRow({ account, organisation }: { readonly account: Account; readonly organisation?: string }) {
  const { token } = account;
  const needsReconnect = account.status === 'reauth_required' || account.status === 'disconnected';
  return (
    <tr data-account-id={account.id}>
      <th scope="row" data-label="House name">
        <Link to={`/accounts/${account.id}`}>{account.houseName}</Link>
      </th>
      {organisation !== undefined && <td data-label="Organisation">{organisation}</td>}
      <td data-label="eBay user">{account.username ?? <span className="muted">unknown</span>}</td>
      <td data-label="Purpose">{PURPOSE_LABELS[account.purpose]}</td>
      <td data-label="Marketplace">{account.marketplaceId ?? <span className="muted">none</span>}</td>
      <td data-label="Status">
        <StatusBadge status={account.status} />
      </td>
      <td data-label="Token expires">
        {account.status === 'active' ? <TokenExpiry expiresAt={token.expiresAt} /> : <span className="muted">—</span>}
      </td>
      <td data-label="Last refresh">
        <Ago at={token.lastRefreshedAt} />
      </td>
      <td data-label="Attention" className="attention">
        {/* One child: on a phone the cell is a two-column grid, its label and this. */}
        <div>
          {token.refreshError !== null && <p className="error-text">Refresh failed: {token.refreshError}</p>}
          {token.reconnectSoon && account.status === 'active' && (
            <p className="warning-text">Reconnect soon: the eBay consent runs out within 30 days.</p>
          )}
          {needsReconnect && <ReconnectButton account={account} />}
          {token.refreshError === null && !token.reconnectSoon && !needsReconnect && <span className="muted">Nothing</span>}
        </div>
      </td>
    </tr>
  );
}
