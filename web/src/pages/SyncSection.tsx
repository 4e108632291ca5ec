import { api, call } from '../api/client';
import { ACCOUNT_CHANGES } from '../api/live-event';
import type { Account, ResourceSyncStatus, SyncResource } from '../api/types';
import { ActionResult } from '../components/ActionResult';
import { Loading, Notice } from '../components/Notice';
import { Ago } from '../components/TokenExpiry';
import { useAction } from '../lib/use-action';
import { useLiveChanges } from '../lib/use-live-events';
import { useResource } from '../lib/use-resource';

const RESOURCE_NAMES: Record<SyncResource, string> = { orders: 'Orders', transactions: 'Transactions' };

/** What the service holds of the account's orders and Finances transactions, and a sync on demand. */
export function SyncSection({ account }: { readonly account: Account }) {
  const status = useResource(
    () => call(api.GET('/api/ebay-accounts/{id}/sync', { params: { path: { id: account.id } } })),
    [account.id],
  );
  // A run's end, and a change of status (the periodic sync skips an account until it is reconnected).
  useLiveChanges(
    (event) => event.accountId === account.id && (event.type === 'sync.completed' || event.type === 'sync.failed' || ACCOUNT_CHANGES.has(event.type)),
    status.reload,
  );

  return (
    <section className="card" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync</h2>
      {status.data === undefined ? (
        status.state === 'failed' ? <Notice tone="error">Could not load the sync status: {status.error}</Notice> : <Loading what="the sync status" />
      ) : (
        <div className="sync-grid">
          {status.data.resources.map((resource) => (
            <ResourceSync key={resource.resource} account={account} resource={resource} onSynced={status.reload} />
          ))}
        </div>
      )}
    </section>
  );
}

function ResourceSync({
  account,
  resource,
  onSynced,
}: {
  readonly account: Account;
  readonly resource: ResourceSyncStatus;
  readonly onSynced: () => void;
}) {
  const name = RESOURCE_NAMES[resource.resource];
  const run = useAction(async () => {
    try {
      const result = await call(
        api.POST('/api/ebay-accounts/{id}/sync/{resource}', {
          params: { path: { id: account.id, resource: resource.resource } },
        }),
      );
      return `${name}: ${result.fetched} read from eBay, ${result.upserted} new or changed${result.complete ? '' : '; more to come on the next run'}.`;
    } finally {
      onSynced();
    }
  });

  return (
    <div className="sync-resource">
      <h3>{name}</h3>
      <dl className="facts">
        <dt>Stored up to</dt>
        <dd>{resource.checkpoint === null ? 'Not synced yet' : <Ago at={resource.checkpoint} />}</dd>
        <dt>Last run</dt>
        <dd>
          {resource.lastRun === null ? (
            'None'
          ) : (
            <>
              {resource.lastRun.outcome === 'succeeded' ? 'Succeeded' : 'Failed'} <Ago at={resource.lastRun.finishedAt} />,{' '}
              {resource.lastRun.upserted} stored
            </>
          )}
        </dd>
        {resource.running && (
          <>
            <dt>Running</dt>
            <dd>
              since <Ago at={resource.runningSince} />
              {resource.progress !== null && `, ${resource.progress.fetched} read so far`}
            </dd>
          </>
        )}
        {resource.lastError !== null && (
          <>
            <dt>Last error</dt>
            <dd className="error-text">
              {resource.lastError.message} (<Ago at={resource.lastError.at} />)
            </dd>
          </>
        )}
        {resource.skipped !== null && (
          <>
            <dt>Skipped</dt>
            <dd className="warning-text">The periodic sync passes this account by until it is reconnected.</dd>
          </>
        )}
      </dl>
      <button type="button" disabled={run.busy || account.status !== 'active'} onClick={() => run.run()}>
        {run.busy ? `Syncing ${name.toLowerCase()}…` : `Sync ${name.toLowerCase()} now`}
      </button>
      <ActionResult status={run.status} running={`Reading ${name.toLowerCase()} from eBay…`} />
    </div>
  );
}
