import { formatDateTime, formatDuration } from '../lib/time';
import { useNow } from '../lib/use-now';

/** The access token's expiry as a live countdown. */
export function TokenExpiry({ expiresAt }: { readonly expiresAt: string | null }) {
  const now = useNow();
  if (expiresAt === null) return <span className="muted">No token</span>;
  const left = Date.parse(expiresAt) - now;
  return (
    <time dateTime={expiresAt} title={formatDateTime(expiresAt)} className={left <= 0 ? 'expired' : undefined}>
      {left > 0 ? `in ${formatDuration(left)}` : `expired ${formatDuration(-left)} ago (renewed when next used)`}
    </time>
  );
}

/** A past instant as `4 min ago`, kept current; the exact time on hover and for assistive technology. */
export function Ago({ at, never = 'Never' }: { readonly at: string | null; readonly never?: string }) {
  const now = useNow();
  if (at === null) return <span className="muted">{never}</span>;
  const difference = now - Date.parse(at);
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {/* A past instant: one a little ahead of this clock (the tick, the server's clock) is just now. */}
      {difference < 1000 ? 'just now' : `${formatDuration(difference)} ago`}
    </time>
  );
}
