import { runEventStream, type StreamState } from '../api/event-stream';
import type { LiveEvent } from '../api/live-event';
import { currentSession, signOut, subscribeToSession } from '../api/session';

/** What the hub tells its listeners: an event, or that events may have been missed. */
export type LiveNotice = { readonly kind: 'event'; readonly event: LiveEvent } | { readonly kind: 'gap' };

/**
 * A tab opens one stream for all its pages (the service allows EVENTS_STREAMS_PER_USER of them
 * per user): the first listener opens it, and it closes a moment after the last one leaves, so
 * that going from one page to the next does not close and reopen it. Signing out closes it at
 * once; another user's session starts a stream of its own, never from the last one's id.
 */
const LINGER_MS = 2_000;
const STREAM_URL = '/api/events/stream';

const listeners = new Set<(notice: LiveNotice) => void>();
const stateListeners = new Set<() => void>();
let users = 0;
let state: StreamState = 'connecting';
let running: { readonly accessToken: string; readonly controller: AbortController } | undefined;
/** The last event delivered, and the session it was delivered to. */
let resumeFrom: { readonly accessToken: string; readonly eventId: string } | undefined;
let lingering: ReturnType<typeof setTimeout> | undefined;
let unsubscribeFromSession: (() => void) | undefined;

/** Every event of the signed-in user's scope while `listener` is subscribed. */
export function subscribeToLiveEvents(listener: (notice: LiveNotice) => void): () => void {
  listeners.add(listener);
  const release = retain();
  return () => {
    listeners.delete(listener);
    release();
  };
}

/** For useSyncExternalStore: subscribing keeps the stream open as a listener does. */
export function subscribeToLiveState(listener: () => void): () => void {
  stateListeners.add(listener);
  const release = retain();
  return () => {
    stateListeners.delete(listener);
    release();
  };
}

export function liveState(): StreamState {
  return state;
}

function retain(): () => void {
  users += 1;
  clearTimeout(lingering);
  lingering = undefined;
  unsubscribeFromSession ??= subscribeToSession(follow);
  follow();
  let isReleased = false;
  return () => {
    if (isReleased) return;
    isReleased = true;
    users -= 1;
    if (users === 0) lingering = setTimeout(close, LINGER_MS);
  };
}

/** Opens the stream for the session there is, closing one that belongs to another. */
function follow(): void {
  const session = currentSession();
  if (session === null || users === 0) {
    close();
    return;
  }
  if (running?.accessToken === session.accessToken) return;
  close();
  open(session.accessToken);
}

function open(accessToken: string): void {
  const controller = new AbortController();
  running = { accessToken, controller };
  const isCurrent = (): boolean => running?.controller === controller;
  void runEventStream({
    url: new URL(STREAM_URL, window.location.origin).href,
    accessToken,
    lastEventId: resumeFrom?.accessToken === accessToken ? resumeFrom.eventId : undefined,
    signal: controller.signal,
    onEvent: (event) => {
      resumeFrom = { accessToken, eventId: event.id };
      tell({ kind: 'event', event });
    },
    onGap: () => tell({ kind: 'gap' }),
    onState: (next) => {
      if (isCurrent()) setState(next);
    },
    // As the API client does with a 401 to a request that carried the JWT (client.ts).
    onUnauthorized: signOut,
  });
}

function close(): void {
  clearTimeout(lingering);
  lingering = undefined;
  running?.controller.abort();
  running = undefined;
  if (currentSession() === null) resumeFrom = undefined;
  setState('connecting');
  if (users === 0) {
    unsubscribeFromSession?.();
    unsubscribeFromSession = undefined;
  }
}

function tell(notice: LiveNotice): void {
  for (const listener of [...listeners]) {
    try {
      listener(notice);
    } catch (error) {
      // One page's failure must not cost the other pages their events, nor the stream its place.
      reportError(error);
    }
  }
}

function setState(next: StreamState): void {
  if (state === next) return;
  state = next;
  for (const listener of [...stateListeners]) listener();
}
