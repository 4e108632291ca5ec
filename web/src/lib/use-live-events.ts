import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { StreamState } from '../api/event-stream';
import type { LiveEvent } from '../api/live-event';
import { liveState, subscribeToLiveEvents, subscribeToLiveState } from './live-event-hub';

/** Events within this long of the first are handled together: a burst costs one refetch. */
export const COALESCE_MS = 250;
/** More in one burst than a page would refetch one by one: it reloads instead. */
const MAX_BATCH = 100;

export interface LiveChanges {
  /** The events the page asked for, oldest first. */
  readonly events: readonly LiveEvent[];
  /** Events may have been missed (the stream started over, or the burst was too big to keep): reload everything. */
  readonly missedSome: boolean;
}

/**
 * Calls `onChanges` for the live events `concerns` selects, at most once per 250 ms, while the
 * component is mounted; the tab's one stream stays open meanwhile. Both functions may change
 * from one render to the next.
 */
export function useLiveChanges(concerns: (event: LiveEvent) => boolean, onChanges: (changes: LiveChanges) => void): void {
  const latest = useRef({ concerns, onChanges });
  useEffect(() => {
    latest.current = { concerns, onChanges };
  });

  useEffect(() => {
    let events: LiveEvent[] = [];
    let missedSome = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      const changes = { events, missedSome };
      timer = undefined;
      events = [];
      missedSome = false;
      latest.current.onChanges(changes);
    };
    const unsubscribe = subscribeToLiveEvents((notice) => {
      if (notice.kind === 'gap') missedSome = true;
      else if (!latest.current.concerns(notice.event)) return;
      else if (events.length < MAX_BATCH) events.push(notice.event);
      else missedSome = true;
      timer ??= setTimeout(flush, COALESCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, []);
}

/** Where the tab's stream stands, for the indicator; subscribing opens it. */
export function useLiveState(): StreamState {
  return useSyncExternalStore(subscribeToLiveState, liveState);
}
