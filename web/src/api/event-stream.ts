import { type LiveEvent, liveEventOf } from './live-event';
import { reconnectDelayMs } from './reconnect-delay';
import { SseParser } from './sse-parser';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

/** What each connection asks with. */
export interface StreamRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
}

export interface EventStreamOptions {
  /** GET /api/events/stream, absolute. */
  readonly url: string;
  readonly accessToken: string;
  /** The last event an earlier stream of this session delivered: this one continues after it. */
  readonly lastEventId?: string;
  /** Aborting it closes the stream for good. */
  readonly signal: AbortSignal;
  /** Each event, once, in order, across reconnections. */
  readonly onEvent: (event: LiveEvent) => void;
  readonly onState: (state: StreamState) => void;
  /** A stream began without Last-Event-ID after another had been open: what happened in between is unknown. */
  readonly onGap: () => void;
  /** The service refused the JWT: the stream stops, and signing out is the caller's. */
  readonly onUnauthorized: () => void;
  /** Seams for a test; the browser's by default. */
  readonly fetch?: (url: string, init: StreamRequest) => Promise<Response>;
  readonly random?: () => number;
}

/**
 * The service sends a comment every 15 s; a connection silent for three of them is taken for
 * dead (a proxy or a sleeping laptop may drop it without a word) and made again.
 */
export const SILENCE_MS = 45_000;
/** A stream that stayed open this long was a working one, even if no event came. */
const HEALTHY_STREAM_MS = 15_000;

type Attempt =
  /** A stream was open; `worked` when it delivered or lasted, so the next wait starts short again. */
  | { readonly kind: 'ended'; readonly worked: boolean }
  /** No stream: a network error, 429, 5xx. */
  | { readonly kind: 'refused' }
  | { readonly kind: 'stop' };

/**
 * Reads the live stream with fetch (EventSource cannot send the Authorization header) until
 * the signal aborts, reconnecting with Last-Event-ID after a bounded, jittered wait whenever it
 * ends or fails, so that no event is missed or repeated. Stops on 401, and on a refusal that
 * asking again cannot change (403, 404). Resolves once stopped.
 */
export async function runEventStream(options: EventStreamOptions): Promise<void> {
  const random = options.random ?? Math.random;
  const progress: Progress = {
    options,
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    lastEventId: options.lastEventId ?? '',
    hasBeenLive: false,
    serverRetryMs: undefined,
  };
  let failures = 0;
  options.onState('connecting');
  while (!options.signal.aborted) {
    const attempt = await connectOnce(progress);
    if (attempt.kind === 'stop' || options.signal.aborted) break;
    if (attempt.kind === 'ended' && attempt.worked) failures = 0;
    options.onState('reconnecting');
    await pause(reconnectDelayMs(failures, random(), progress.serverRetryMs), options.signal);
    if (attempt.kind === 'refused' || (attempt.kind === 'ended' && !attempt.worked)) failures += 1;
  }
  options.onState('stopped');
}

/** What carries over from one connection to the next. */
interface Progress {
  readonly options: EventStreamOptions;
  readonly fetch: (url: string, init: StreamRequest) => Promise<Response>;
  lastEventId: string;
  hasBeenLive: boolean;
  serverRetryMs: number | undefined;
}

async function connectOnce(progress: Progress): Promise<Attempt> {
  const { options } = progress;
  const connection = new AbortController();
  const abort = (): void => connection.abort();
  options.signal.addEventListener('abort', abort, { once: true });
  try {
    const headers: Record<string, string> = { Authorization: `Bearer ${options.accessToken}`, Accept: 'text/event-stream' };
    if (progress.lastEventId !== '') headers['Last-Event-ID'] = progress.lastEventId;
    let response: Response;
    try {
      response = await progress.fetch(options.url, { headers, signal: connection.signal });
    } catch {
      return { kind: 'refused' };
    }
    if (response.status !== 200 || response.body === null) return await refusal(progress, response);

    if (progress.hasBeenLive && progress.lastEventId === '') options.onGap();
    progress.hasBeenLive = true;
    options.onState('live');
    return await read(progress, response.body, connection);
  } finally {
    options.signal.removeEventListener('abort', abort);
    connection.abort();
  }
}

/** What a status other than 200 means for the next attempt. */
async function refusal(progress: Progress, response: Response): Promise<Attempt> {
  // The error body is not needed; reading it frees the connection.
  await response.body?.cancel().catch(() => undefined);
  const { status } = response;
  if (status === 401) {
    progress.options.onUnauthorized();
    return { kind: 'stop' };
  }
  if (status === 400 && progress.lastEventId !== '') {
    // Last-Event-ID refused (invalid_event_id): start afresh; onGap tells the pages to reload.
    progress.lastEventId = '';
    return { kind: 'refused' };
  }
  if (status === 400 || status === 403 || status === 404) return { kind: 'stop' };
  return { kind: 'refused' };
}

async function read(progress: Progress, body: ReadableStream<Uint8Array>, connection: AbortController): Promise<Attempt> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser({ lastEventId: progress.lastEventId });
  const openedAt = Date.now();
  let delivered = false;
  let silence = setTimeout(() => connection.abort(), SILENCE_MS);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      clearTimeout(silence);
      if (done) break;
      silence = setTimeout(() => connection.abort(), SILENCE_MS);
      // Throws SseOverflowError past the cap: the connection is dropped, never buffered for.
      for (const message of parser.push(decoder.decode(value, { stream: true }))) {
        progress.lastEventId = message.id;
        const event = message.event === 'message' ? liveEventOf(message.id, message.data) : undefined;
        if (event !== undefined) {
          delivered = true;
          progress.options.onEvent(event);
        }
      }
      progress.lastEventId = parser.lastEventId;
      progress.serverRetryMs = parser.reconnectMs ?? progress.serverRetryMs;
    }
  } catch {
    // Aborted, cut off, silent too long or too long a message: the caller reconnects (or stops).
  } finally {
    clearTimeout(silence);
    reader.cancel().catch(() => undefined);
  }
  return { kind: 'ended', worked: delivered || Date.now() - openedAt >= HEALTHY_STREAM_MS };
}

/** Waits `ms`, or less when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
