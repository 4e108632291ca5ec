import { useState } from 'react';
import { api, call, describeFailure } from '../api/client';
import type { Account, AccountHealth, HealthEvent, HealthEventsPage } from '../api/types';
import { Loading, Notice } from '../components/Notice';
import { Ago } from '../components/TokenExpiry';
import { formatDateTime } from '../lib/time';
import { useAction } from '../lib/use-action';
import { useLiveChanges } from '../lib/use-live-events';
import { useResource } from '../lib/use-resource';

const EVENTS_PAGE_SIZE = 10;

/** The account's last check, a live one on demand, and the history of checks. */
export function HealthSection({ account, onStatusChange }: { readonly account: Account; readonly onStatusChange: () => void }) {
  const path = { id: account.id };
  const health = useResource(() => call(api.GET('/api/ebay-accounts/{id}/health', { params: { path } })), [account.id]);
  const events = useResource(
    () => call(api.GET('/api/ebay-accounts/{id}/health/events', { params: { path, query: { limit: EVENTS_PAGE_SIZE } } })),
    [account.id],
  );
  const [older, setOlder] = useState<HealthEventsPage[]>([]);
  const [loadingOlder, setLoadingOlder] = useState<{ readonly busy: boolean; readonly error?: string }>({ busy: false });
  // Kept apart from `health`, which a live event reads again without the live check.
  const [lastLive, setLastLive] = useState<AccountHealth['live']>();

  const readAgain = () => {
    health.reload();
    setOlder([]);
    events.reload();
  };
  // A check recorded elsewhere (the periodic round, another tab) that turned the account healthy or not.
  useLiveChanges((event) => event.accountId === account.id && event.type === 'account.health_changed', readAgain);

  const liveCheck = useAction(async () => {
    const checked = await call(api.GET('/api/ebay-accounts/{id}/health', { params: { path, query: { live: true } } }));
    health.replace(checked);
    setLastLive(checked.live);
    setOlder([]);
    events.reload();
    if (checked.status !== account.status) onStatusChange();
    const live = checked.live;
    if (live === undefined) return 'Checked.';
    return live.isHealthy
      ? `eBay answered as expected (${live.responseTimeMs ?? '?'} ms).`
      : `Unhealthy: ${live.errorMessage ?? live.errorCode ?? 'eBay did not answer as expected'}.`;
  });

  const loadOlder = async (after: string) => {
    setLoadingOlder({ busy: true });
    try {
      const page = await call(
        api.GET('/api/ebay-accounts/{id}/health/events', { params: { path, query: { limit: EVENTS_PAGE_SIZE, after } } }),
      );
      setOlder((previous) => [...previous, page]);
      setLoadingOlder({ busy: false });
    } catch (error) {
      setLoadingOlder({ busy: false, error: describeFailure(error) });
    }
  };

  const pages = events.data === undefined ? [] : [events.data, ...older];
  const next = pages.at(-1)?.nextCursor ?? null;
  return (
    <section className="card" aria-labelledby="health-heading">
      <h2 id="health-heading">Health</h2>
      {health.data === undefined ? (
        health.state === 'failed' ? <Notice tone="error">Could not load the health: {health.error}</Notice> : <Loading what="the health" />
      ) : (
        <LastCheck health={health.data} />
      )}
      <div className="actions">
        <button type="button" disabled={liveCheck.busy} onClick={() => liveCheck.run()}>
          {liveCheck.busy ? 'Checking at eBay…' : 'Check at eBay now'}
        </button>
      </div>
      {liveCheck.status.state === 'done' && (
        <Notice tone={lastLive?.isHealthy === false ? 'warning' : 'success'}>{liveCheck.status.message}</Notice>
      )}
      {liveCheck.status.state === 'failed' && <Notice tone="error">{liveCheck.status.message}</Notice>}

      <h3>Recent checks</h3>
      {events.state === 'failed' && <Notice tone="error">Could not load the checks: {events.error}</Notice>}
      {events.data === undefined && events.state === 'loading' && <Loading what="the checks" />}
      {events.data !== undefined && pages.every((page) => page.items.length === 0) && (
        <p className="muted">No checks yet. The periodic round checks every account; “Check at eBay now” adds one.</p>
      )}
      {pages.some((page) => page.items.length > 0) && (
        <ul className="events">
          {pages.flatMap((page) => page.items).map((event) => (
            <EventItem key={event.id} event={event} />
          ))}
        </ul>
      )}
      {next !== null && (
        <button type="button" disabled={loadingOlder.busy} onClick={() => void loadOlder(next)}>
          {loadingOlder.busy ? 'Loading older checks…' : 'Older checks'}
        </button>
      )}
      {loadingOlder.error !== undefined && <Notice tone="error">Could not load older checks: {loadingOlder.error}</Notice>}
    </section>
  );
}

function LastCheck({ health }: { readonly health: AccountHealth }) {
  const last = health.lastCheck;
  if (last === null) return <p className="muted">Never checked at eBay.</p>;
  return (
    <p>
      Last check <Ago at={last.checkedAt} />:{' '}
      {last.isHealthy ? (
        <strong className="ok-text">healthy</strong>
      ) : (
        <strong className="error-text">unhealthy ({last.errorCode ?? 'unknown'})</strong>
      )}
      {last.errorMessage !== null && ` — ${last.errorMessage}`}
    </p>
  );
}

function EventItem({ event }: { readonly event: HealthEvent }) {
  return (
    <li className={event.isHealthy ? 'event-ok' : 'event-bad'}>
      <time dateTime={event.checkedAt}>{formatDateTime(event.checkedAt)}</time>{' '}
      <strong>{event.isHealthy ? 'Healthy' : 'Unhealthy'}</strong>
      {event.httpStatus !== null && `, eBay answered ${event.httpStatus}`}
      {event.responseTimeMs !== null && ` in ${event.responseTimeMs} ms`}
      {event.errorCode !== null && ` — ${event.errorCode}`}
      {event.errorMessage !== null && `: ${event.errorMessage}`}
    </li>
  );
}
