import { api, call } from '../api/client';
import { PURPOSE_LABELS } from '../api/vocabulary';
import { describeConnectFailure } from '../app/callback-reasons';
import { Link, useLocation } from '../app/router';
import { Loading, Notice } from '../components/Notice';
import { StatusBadge } from '../components/StatusBadge';
import { useResource } from '../lib/use-resource';

/** Where eBay's consent ends: `?status=connected&accountId=…` or `?status=error&reason=…`. */
export function CallbackPage() {
  const params = new URLSearchParams(useLocation().search);
  const status = params.get('status');
  const accountId = params.get('accountId');

  if (status === 'connected' && accountId !== null) return <Connected accountId={accountId} />;
  return (
    <section className="narrow" aria-labelledby="callback-heading">
      <h1 id="callback-heading">The eBay account was not connected</h1>
      <Notice tone="error">
        {status === 'error' ? describeConnectFailure(params.get('reason')) : 'This page shows how a connect ended, and none did here.'}
      </Notice>
      <p className="actions">
        <Link to="/connect" className="button primary">
          Start again
        </Link>
        <Link to="/">Back to the accounts</Link>
      </p>
    </section>
  );
}

function Connected({ accountId }: { readonly accountId: string }) {
  const account = useResource(
    () => call(api.GET('/api/ebay-accounts/{id}', { params: { path: { id: accountId } } })),
    [accountId],
  );

  return (
    <section className="narrow" aria-labelledby="callback-heading">
      <h1 id="callback-heading">eBay account connected</h1>
      {account.state === 'loading' && <Loading what="the account" />}
      {account.state === 'failed' && (
        <Notice tone="warning">The account was connected, but it could not be shown: {account.error}</Notice>
      )}
      {account.data !== undefined && (
        <div className="card connected-card">
          <Notice tone="success">
            {account.data.houseName} is connected as eBay user {account.data.username ?? account.data.ebayUserId}.
          </Notice>
          <dl className="facts">
            <dt>House name</dt>
            <dd>{account.data.houseName}</dd>
            <dt>eBay user</dt>
            <dd>{account.data.username ?? account.data.ebayUserId}</dd>
            <dt>Purpose</dt>
            <dd>{PURPOSE_LABELS[account.data.purpose]}</dd>
            <dt>Marketplace</dt>
            <dd>{account.data.marketplaceId ?? 'none'}</dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={account.data.status} />
            </dd>
          </dl>
        </div>
      )}
      <p className="actions">
        <Link to={`/accounts/${accountId}`} className="button primary">
          Open the account
        </Link>
        <Link to="/">Back to the accounts</Link>
      </p>
    </section>
  );
}
