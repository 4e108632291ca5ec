import { api, call } from '../api/client';
import { ACCOUNT_CHANGES } from '../api/live-event';
import type { AdminOverview } from '../api/types';
import { Loading, Notice } from '../components/Notice';
import { Ago } from '../components/TokenExpiry';
import { formatDuration } from '../lib/time';
import { useLiveChanges } from '../lib/use-live-events';
import { useResource } from '../lib/use-resource';

/** The fleet at a glance (GET /api/admin/overview), for administrators; read again when an account or the quota changes. */
export function OverviewPanel() {
  const overview = useResource(() => call(api.GET('/api/admin/overview')), []);
  useLiveChanges((event) => ACCOUNT_CHANGES.has(event.type) || event.type === 'quota.warning', overview.reload);

  if (overview.data === undefined) {
    if (overview.state === 'failed') return <Notice tone="error">Could not load the overview: {overview.error}</Notice>;
    return <Loading what="the overview" />;
  }
  return <Overview overview={overview.data} />;
}

function Overview({ overview }: { readonly overview: AdminOverview }) {
  const { accounts, tokens, refresher, quota } = overview;
  return (
    <section className="overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading">
        Every organisation <span className="muted small">as of <Ago at={overview.generatedAt} /></span>
      </h2>
      <dl className="figures">
        <Figure label="Active accounts" value={accounts.active} tone="ok" />
        <Figure label="Reauth required" value={accounts.reauthRequired} tone={accounts.reauthRequired > 0 ? 'bad' : undefined} />
        <Figure label="Disconnected" value={accounts.disconnected} />
        <Figure label="Deleted at eBay" value={accounts.deleted} />
        <Figure
          label={`Tokens expiring within ${formatDuration(tokens.refreshHorizonSeconds * 1000).replace(/ 00 s$/, '')}`}
          value={tokens.expiringWithinHorizon}
        />
        <Figure label="Tokens due for refresh now" value={tokens.dueNow} tone={tokens.dueNow > 0 ? 'warn' : undefined} />
        <Figure
          label="Refreshes failing (24 h)"
          value={tokens.failingLast24h}
          tone={tokens.failingLast24h > 0 ? 'bad' : undefined}
        />
        <Figure
          label="eBay refresh quota used today"
          value={`${quota.refreshGrants} of ${quota.refreshGrantLimit}`}
          tone={quota.usedUp ? 'bad' : quota.warning ? 'warn' : undefined}
        />
      </dl>
      <p className="muted small">
        Background refresher: {refresher.working ? 'working' : 'not working'}
        {refresher.running ? ', a run is under way' : ''}
        {refresher.lastRun !== undefined && (
          <>
            ; last run <Ago at={refresher.lastRun.finishedAt ?? refresher.lastRun.startedAt} /> refreshed{' '}
            {refresher.lastRun.refreshed} of {refresher.lastRun.claimed}
          </>
        )}
        . Last 24 h: {refresher.last24h.refreshed} refreshed, {refresher.last24h.failed} failed.
        {overview.lastHealthRound !== undefined &&
          ` Last health round: ${overview.lastHealthRound.unhealthy} unhealthy of ${overview.lastHealthRound.checked} checked.`}
      </p>
    </section>
  );
}

function Figure({
  label,
  value,
  tone,
}: {
  readonly label: string;
  readonly value: number | string;
  readonly tone?: 'ok' | 'warn' | 'bad';
}) {
  return (
    <div className={`figure${tone === undefined ? '' : ` figure-${tone}`}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
