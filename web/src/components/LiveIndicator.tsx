import type { StreamState } from '../api/event-stream';
import { useLiveState } from '../lib/use-live-events';

const WORDS: Record<StreamState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Not live',
};

/** Whether the pages follow the event stream; in words, announced politely when it changes. */
export function LiveIndicator() {
  const state = useLiveState();
  return (
    <span className={`live-state live-state-${state}`} role="status" title="Account cards update from the service’s event stream">
      <span className="badge-dot" aria-hidden="true" />
      <span className="visually-hidden">Updates: </span>
      {WORDS[state]}
    </span>
  );
}
