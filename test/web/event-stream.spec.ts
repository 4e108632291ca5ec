import { runEventStream, SILENCE_MS, type StreamRequest, type StreamState } from '../../web/src/api/event-stream';
import type { LiveEvent } from '../../web/src/api/live-event';

const URL = 'http://console.test/api/events/stream';
const TOKEN = 'header.payload.signature';

/** One connection the fake service accepted: what it was asked with, and its body to write to. */
interface Connection {
  readonly headers: Readonly<Record<string, string>>;
  send(text: string | Uint8Array): void;
  end(): void;
}

/**
 * The service as runEventStream sees it: each fetch answers the next scripted status; a 200
 * gets a body the test writes to, which errors when the request is aborted, as a browser's does.
 */
class FakeService {
  readonly connections: Connection[] = [];
  readonly requests: Record<string, string>[] = [];
  /** When each request came, by the fake clock. */
  readonly times: number[] = [];

  constructor(private readonly statuses: (number | 'network-error')[] = []) {}

  readonly fetch = (url: string, init: StreamRequest): Promise<Response> => {
    expect(url).toBe(URL);
    const headers = { ...init.headers };
    this.requests.push(headers);
    this.times.push(Date.now());
    const status = this.statuses.shift() ?? 200;
    if (status === 'network-error') return Promise.reject(new TypeError('Failed to fetch'));
    if (status !== 200) return Promise.resolve(new Response(JSON.stringify({ statusCode: status }), { status }));
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (given) => void (controller = given) });
    init.signal.addEventListener('abort', () => {
      try {
        controller.error(new DOMException('The operation was aborted.', 'AbortError'));
      } catch {
        // Closed already.
      }
    });
    const encoder = new TextEncoder();
    this.connections.push({
      headers,
      send: (text) => controller.enqueue(typeof text === 'string' ? encoder.encode(text) : text),
      end: () => controller.close(),
    });
    return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
  };

  /** The n-th stream (1-based) the service opened, once it is; the fake clock advances meanwhile. */
  async connection(n: number): Promise<Connection> {
    for (let step = 0; step < 2000 && this.connections.length < n; step++) await jest.advanceTimersByTimeAsync(100);
    if (this.connections.length < n) throw new Error(`${this.connections.length} of ${n} connections`);
    return this.connections[n - 1];
  }
}

const message = (id: string, type: string, accountId: string) =>
  `id: ${id}\ndata: ${JSON.stringify({ type, timestamp: '2026-12-07T10:00:00.000Z', data: { accountId, houseName: 'A', ebayUserId: 'u' } })}\n\n`;

function start(service: FakeService, options: { lastEventId?: string; random?: () => number } = {}) {
  const controller = new AbortController();
  const events: LiveEvent[] = [];
  const states: StreamState[] = [];
  const seen = { gaps: 0, unauthorized: 0 };
  const done = runEventStream({
    url: URL,
    accessToken: TOKEN,
    lastEventId: options.lastEventId,
    signal: controller.signal,
    fetch: service.fetch,
    random: options.random ?? (() => 0.5),
    onEvent: (event) => events.push(event),
    onState: (state) => states.push(state),
    onGap: () => (seen.gaps += 1),
    onUnauthorized: () => (seen.unauthorized += 1),
  });
  return { controller, events, states, seen, done };
}

/** Lets the stream read what was sent. */
const settle = () => jest.advanceTimersByTimeAsync(0);

describe('the console’s live event stream', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the JWT as a bearer header (never in the URL) and hands on each event as it arrives', async () => {
    const service = new FakeService();
    const stream = start(service);
    const connection = await service.connection(1);
    expect(connection.headers).toEqual({ Authorization: `Bearer ${TOKEN}`, Accept: 'text/event-stream' });

    connection.send('retry: 2000\n\n');
    connection.send(message('evt_1', 'account.reauth_required', 'acc-1').slice(0, 30));
    await settle();
    expect(stream.events).toEqual([]);
    connection.send(message('evt_1', 'account.reauth_required', 'acc-1').slice(30) + ': heartbeat\n\n');
    await settle();

    expect(stream.events).toEqual([
      {
        id: 'evt_1',
        type: 'account.reauth_required',
        timestamp: '2026-12-07T10:00:00.000Z',
        accountId: 'acc-1',
        data: { accountId: 'acc-1', houseName: 'A', ebayUserId: 'u' },
      },
    ]);
    expect(stream.states).toEqual(['connecting', 'live']);
    stream.controller.abort();
    await stream.done;
  });

  it('decodes UTF-8 whose bytes arrive in separate pieces', async () => {
    const service = new FakeService();
    const stream = start(service);
    const connection = await service.connection(1);
    const bytes = new TextEncoder().encode(`id: evt_1\ndata: {"type":"webhook.test","timestamp":"t","data":{"note":"Grüße €"}}\n\n`);
    const cut = bytes.indexOf(0xc3) + 1;
    connection.send(bytes.slice(0, cut));
    connection.send(bytes.slice(cut));
    await settle();
    expect(stream.events.map((event) => event.data)).toEqual([{ note: 'Grüße €' }]);
    stream.controller.abort();
    await stream.done;
  });

  it('reconnects with Last-Event-ID after the service ends the stream, and misses nothing in between', async () => {
    const service = new FakeService();
    const stream = start(service);
    const first = await service.connection(1);
    first.send(message('evt_1', 'account.connected', 'acc-1') + message('evt_2', 'account.disconnected', 'acc-1'));
    first.end();
    await settle();
    expect(stream.states).toEqual(['connecting', 'live', 'reconnecting']);

    const second = await service.connection(2);
    expect(second.headers['Last-Event-ID']).toBe('evt_2');
    second.send(message('evt_3', 'account.reconnected', 'acc-1'));
    await settle();
    expect(stream.events.map((event) => event.id)).toEqual(['evt_1', 'evt_2', 'evt_3']);
    expect(stream.states).toEqual(['connecting', 'live', 'reconnecting', 'live']);
    expect(stream.seen.gaps).toBe(0);
    stream.controller.abort();
    await stream.done;
  });

  it('waits longer after each refusal in a row (1 s doubling, jittered, at most 30 s), and short again once a stream worked', async () => {
    const service = new FakeService([429, 503, 'network-error', 502, 503, 503, 503, 503]);
    // The top of the jitter: each wait is its whole ceiling.
    const stream = start(service, { random: () => 0.999999 });
    const ninth = await service.connection(1);
    ninth.send(message('evt_1', 'account.connected', 'acc-1'));
    ninth.end();
    await service.connection(2);

    const waits = service.times.slice(1).map((time, index) => time - service.times[index]);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 1000]);
    expect(service.requests[9]['Last-Event-ID']).toBe('evt_1');
    stream.controller.abort();
    await stream.done;
  });

  it('counts a stream that ends at once with nothing as a refusal, so a failing service is not asked every second', async () => {
    const service = new FakeService();
    const stream = start(service, { random: () => 0.999999 });
    (await service.connection(1)).end();
    (await service.connection(2)).end();
    await service.connection(3);
    expect(service.times.slice(1).map((time, index) => time - service.times[index])).toEqual([1000, 2000]);
    stream.controller.abort();
    await stream.done;
  });

  it('waits what the service’s retry: field asks after a stream ends, within 1 to 30 s', async () => {
    const service = new FakeService();
    const stream = start(service, { random: () => 0.999999 });
    const first = await service.connection(1);
    first.send('retry: 3000\n\n' + message('evt_1', 'account.connected', 'acc-1'));
    first.end();
    const second = await service.connection(2);
    second.send('retry: 10\n\n' + message('evt_2', 'account.connected', 'acc-1'));
    second.end();
    await service.connection(3);
    expect(service.times.slice(1).map((time, index) => time - service.times[index])).toEqual([3000, 1000]);
    stream.controller.abort();
    await stream.done;
  });

  it('takes half its wait off at random at most', async () => {
    const service = new FakeService([503, 503]);
    const stream = start(service, { random: () => 0 });
    await service.connection(1);
    expect(service.times.slice(1).map((time, index) => time - service.times[index])).toEqual([500, 1000]);
    stream.controller.abort();
    await stream.done;
  });

  it('stops on 401 and says so, without trying again', async () => {
    const service = new FakeService([401]);
    const stream = start(service);
    await jest.advanceTimersByTimeAsync(0);
    await stream.done;
    expect(stream.seen.unauthorized).toBe(1);
    expect(stream.states).toEqual(['connecting', 'stopped']);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(service.requests).toHaveLength(1);
  });

  it('starts afresh when the service refuses its Last-Event-ID, and tells that events may be missing', async () => {
    const service = new FakeService([200, 400]);
    const stream = start(service);
    const first = await service.connection(1);
    first.send(message('evt_9', 'account.connected', 'acc-1'));
    first.end();
    const second = await service.connection(2);
    expect(service.requests[1]['Last-Event-ID']).toBe('evt_9');
    expect(second.headers['Last-Event-ID']).toBeUndefined();
    expect(stream.seen.gaps).toBe(1);
    stream.controller.abort();
    await stream.done;
  });

  it('takes a connection silent for three heartbeats for dead and makes another', async () => {
    const service = new FakeService();
    const stream = start(service);
    const first = await service.connection(1);
    first.send(': heartbeat\n\n');
    await jest.advanceTimersByTimeAsync(SILENCE_MS - 1000);
    expect(service.connections).toHaveLength(1);
    await service.connection(2);
    expect(stream.states).toEqual(['connecting', 'live', 'reconnecting', 'live']);
    stream.controller.abort();
    await stream.done;
  });

  it('drops a connection whose message grows past 1 MiB instead of buffering it', async () => {
    const service = new FakeService();
    const stream = start(service);
    const first = await service.connection(1);
    first.send(message('evt_1', 'account.connected', 'acc-1'));
    for (let i = 0; i < 20; i++) first.send(`data: ${'x'.repeat(64 * 1024)}\n`);
    const second = await service.connection(2);
    expect(second.headers['Last-Event-ID']).toBe('evt_1');
    expect(stream.events.map((event) => event.id)).toEqual(['evt_1']);
    stream.controller.abort();
    await stream.done;
  });

  it('closes for good on abort, whether reading or waiting to reconnect', async () => {
    const service = new FakeService();
    const reading = start(service);
    await service.connection(1);
    reading.controller.abort();
    await reading.done;
    expect(reading.states).toEqual(['connecting', 'live', 'stopped']);

    const refused = new FakeService([503]);
    const waiting = start(refused);
    await jest.advanceTimersByTimeAsync(0);
    waiting.controller.abort();
    await waiting.done;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(refused.requests).toHaveLength(1);
    expect(waiting.states).toEqual(['connecting', 'reconnecting', 'stopped']);
  });
});
