import { useState } from 'react';
import { ApiError, api, call } from '../api/client';
import { ACCOUNT_CHANGES } from '../api/live-event';
import type { Account } from '../api/types';
import { PURPOSE_LABELS } from '../api/vocabulary';
import { Link } from '../app/router';
import { ActionResult } from '../components/ActionResult';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Loading, Notice } from '../components/Notice';
import { ReconnectButton } from '../components/ReconnectButton';
import { StatusBadge } from '../components/StatusBadge';
import { Ago, TokenExpiry } from '../components/TokenExpiry';
import { formatDateTime } from '../lib/time';
import { useAction } from '../lib/use-action';
import { useLiveChanges } from '../lib/use-live-events';
import { useResource } from '../lib/use-resource';
import { EditAccountForm } from './EditAccountForm';
import { HealthSection } from './HealthSection';
import { SyncSection } from './SyncSection';

export function AccountPage({ accountId }: { readonly accountId: string }) {
  const account = useResource(
    () => call(api.GET('/api/ebay-accounts/{id}', { params: { path: { id: accountId } } })),
    [accountId],
  );
  // Its status, token and refresh error as they change, from the event stream; the sections follow their own events.
  useLiveChanges((event) => event.accountId === accountId && ACCOUNT_CHANGES.has(event.type), account.reload);

  if (account.data === undefined) {
    return (
      <>
        <p>
          <Link to="/">← All accounts</Link>
        </p>
        {account.state === 'failed' ? (
          <Notice tone="error">Could not load the account: {account.error}</Notice>
        ) : (
          <Loading what="the account" />
        )}
      </>
    );
  }
  return <AccountDetail account={account.data} onChange={account.replace} reload={account.reload} />;
}

interface DetailProps {
  readonly account: Account;
  readonly onChange: (account: Account) => void;
  readonly reload: () => void;
}

function AccountDetail({ account, onChange, reload }: DetailProps) {
  const path = { id: account.id };
  const connected = account.status === 'active';

  const refresh = useAction(async () => {
    try {
      const token = await call(api.POST('/api/ebay-accounts/{id}/refresh-token', { params: { path } }));
      onChange({ ...account, token });
      return 'The access token was renewed at eBay.';
    } catch (error) {
      // The service writes down every refresh eBay failed (its refresh error; a refused grant also
      // changes the status), and no event announces a first failure: show the account as it is now.
      if (error instanceof ApiError) reload();
      throw error;
    }
  });

  return (
    <>
      <p>
        <Link to="/">← All accounts</Link>
      </p>
      <div className="page-head">
        <h1>{account.houseName}</h1>
        <StatusBadge status={account.status} />
      </div>
      <StatusNotice account={account} />

      <section className="card" aria-labelledby="token-heading">
        <h2 id="token-heading">Connection and token</h2>
        <dl className="facts">
          <dt>eBay user</dt>
          <dd>{account.username ?? account.ebayUserId}</dd>
          <dt>Purpose</dt>
          <dd>{PURPOSE_LABELS[account.purpose]}</dd>
          <dt>Marketplace</dt>
          <dd>{account.marketplaceId ?? 'none'}</dd>
          <dt>Connected</dt>
          <dd>{formatDateTime(account.connectedAt)}</dd>
          <dt>Access token expires</dt>
          <dd>{connected ? <TokenExpiry expiresAt={account.token.expiresAt} /> : '—'}</dd>
          <dt>Last refresh</dt>
          <dd>
            <Ago at={account.token.lastRefreshedAt} />
          </dd>
          <dt>Consent runs out</dt>
          <dd>
            {account.token.refreshTokenExpiresAt === null ? '—' : formatDateTime(account.token.refreshTokenExpiresAt)}
            {account.token.reconnectSoon && connected && (
              <span className="warning-text"> — reconnect soon: the eBay consent runs out within 30 days</span>
            )}
          </dd>
          <dt>Refresh error</dt>
          <dd>
            {account.token.refreshError === null ? (
              'None'
            ) : (
              <span className="error-text">
                {account.token.refreshError} ({account.token.refreshFailures} failed in a row)
              </span>
            )}
          </dd>
        </dl>
        <div className="actions">
          <button type="button" disabled={!connected || refresh.busy} onClick={() => refresh.run()}>
            {refresh.busy ? 'Refreshing…' : 'Force refresh'}
          </button>
          {(account.token.reconnectSoon || account.status === 'reauth_required' || account.status === 'disconnected') && (
            <ReconnectButton account={account} />
          )}
        </div>
        <ActionResult status={refresh.status} running="Asking eBay for a new access token…" />
      </section>

      {account.status !== 'deleted' && <EditAccountForm account={account} onSaved={onChange} />}
      <HealthSection account={account} onStatusChange={reload} />
      <SyncSection account={account} />
      {account.status !== 'deleted' && <DisconnectSection account={account} onDisconnected={onChange} />}
    </>
  );
}

function StatusNotice({ account }: { readonly account: Account }) {
  switch (account.status) {
    case 'active':
      return null;
    case 'reauth_required':
      return (
        <Notice tone="error">
          Reauth required: eBay no longer accepts this account’s consent, so its tokens cannot be renewed. Reconnect it
          and sign in on eBay as {account.username ?? 'its seller'}.
        </Notice>
      );
    case 'disconnected':
      return <Notice tone="warning">Disconnected: its tokens were deleted. Reconnect to use it again.</Notice>;
    case 'deleted':
      return (
        <Notice tone="warning">
          Deleted: eBay reported this eBay account deleted{account.deletedAt === null ? '' : ` on ${formatDateTime(account.deletedAt)}`}.
          Its data is erased and it cannot be connected again.
        </Notice>
      );
  }
}

function DisconnectSection({ account, onDisconnected }: { readonly account: Account; readonly onDisconnected: (account: Account) => void }) {
  const [asking, setAsking] = useState(false);
  const disconnect = useAction(async () => {
    const disconnected = await call(api.DELETE('/api/ebay-accounts/{id}', { params: { path: { id: account.id } } }));
    onDisconnected(disconnected);
    return `${account.houseName} is disconnected.`;
  });

  return (
    <section className="card danger-zone" aria-labelledby="disconnect-heading">
      <h2 id="disconnect-heading">Disconnect</h2>
      {account.isActive ? (
        <>
          <p>The service deletes the account’s tokens and stops refreshing them. You can reconnect it later.</p>
          <button type="button" className="danger" disabled={disconnect.busy} onClick={() => setAsking(true)}>
            Disconnect…
          </button>
        </>
      ) : (
        <p>Disconnected: the service holds no tokens for it. Reconnect it to use it again.</p>
      )}
      <ActionResult status={disconnect.status} running="Disconnecting…" />
      <ConfirmDialog
        open={asking}
        title={`Disconnect ${account.houseName}?`}
        confirmLabel="Disconnect"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          disconnect.run();
        }}
      >
        <p>
          Its tokens are deleted and eBay is no longer called for it. Its name becomes free for another account until it
          is reconnected.
        </p>
      </ConfirmDialog>
    </section>
  );
}
