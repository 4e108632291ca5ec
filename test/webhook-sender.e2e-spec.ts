import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { WebhookSender, type WebhookAttemptResult, type WebhookSenderOptions } from '../src/events/webhooks/webhook-sender';

/** A receiver on 127.0.0.1 that records what reached it. */
interface Receiver {
  readonly url: string;
  readonly port: number;
  readonly requests: { readonly headers: http.IncomingHttpHeaders; readonly body: string }[];
  connections: number;
  closedResponses: number;
}

const servers: http.Server[] = [];

async function startReceiver(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Receiver> {
  const receiver: Receiver = { url: '', port: 0, requests: [], connections: 0, closedResponses: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receiver.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.on('close', () => receiver.closedResponses++);
      handle(req, res);
    });
  });
  server.on('connection', (socket) => {
    receiver.connections++;
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, { url: `http://127.0.0.1:${port}`, port });
}

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A resolver that answers every name with `addresses`, in whichever shape net asks for. */
function fakeLookup(addresses: readonly LookupAddress[]): LookupFunction & { readonly calls: string[] } {
  const calls: string[] = [];
  const lookup: LookupFunction = (hostname, options, callback) => {
    calls.push(hostname);
    const [first] = addresses;
    if (options.all === true) process.nextTick(() => callback(null, [...addresses]));
    else if (first !== undefined) process.nextTick(() => callback(null, first.address, first.family));
  };
  return Object.assign(lookup, { calls });
}

const senders: WebhookSender[] = [];

function sender(options: Partial<WebhookSenderOptions> = {}): WebhookSender {
  const created = new WebhookSender({ timeoutMs: 2000, allowInsecureTargets: true, userAgent: 'ebay-connect-webhooks/test', ...options });
  senders.push(created);
  return created;
}

const post = (target: WebhookSender, url: string, headers: Record<string, string> = {}) =>
  target.send({ url, headers, body: JSON.stringify({ type: 'account.connected', data: { id: 'a1' } }) });

function expectResponse(result: WebhookAttemptResult): Extract<WebhookAttemptResult, { kind: 'response' }> {
  if (result.kind !== 'response') throw new Error(`expected a response, got: ${result.error}`);
  return result;
}

function expectFailure(result: WebhookAttemptResult): Extract<WebhookAttemptResult, { kind: 'failed' }> {
  if (result.kind !== 'failed') throw new Error(`expected a failure, got HTTP ${result.statusCode}`);
  return result;
}

afterAll(async () => {
  for (const created of senders) created.close();
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

describe('WebhookSender', () => {
  it('POSTs the JSON body with the given headers and reports the receiver’s status and body', async () => {
    const noContent = await startReceiver((_req, res) => res.writeHead(204).end());
    const accepting = await startReceiver((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks'));

    const result = expectResponse(
      await post(sender(), `${accepting.url}/hooks/1`, { 'webhook-id': 'msg_1', 'webhook-signature': 'v1,abc', 'Content-Type': 'text/plain' }),
    );
    expect(result).toMatchObject({ statusCode: 200, body: 'thanks', retryAfterSeconds: undefined, connectedAddress: '127.0.0.1' });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);

    const [received] = accepting.requests;
    expect(received?.body).toBe('{"type":"account.connected","data":{"id":"a1"}}');
    expect(received?.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(received?.body ?? '')),
      'user-agent': 'ebay-connect-webhooks/test',
      'webhook-id': 'msg_1',
      'webhook-signature': 'v1,abc',
    });

    expect(expectResponse(await post(sender(), noContent.url))).toMatchObject({ statusCode: 204, body: '' });
  });

  it('reuses one connection for attempts one after the other', async () => {
    const receiver = await startReceiver((_req, res) => res.end('ok'));
    const shared = sender();
    for (let i = 0; i < 3; i++) expect(expectResponse(await post(shared, receiver.url)).statusCode).toBe(200);
    expect(receiver.requests).toHaveLength(3);
    expect(receiver.connections).toBe(1);
  });

  it('keeps only the first KiB of a 100 KiB body', async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(500).end('x'.repeat(100 * 1024)));
    const result = expectResponse(await post(sender(), receiver.url));
    expect(result.statusCode).toBe(500);
    expect(result.body).toBe('x'.repeat(1024));
  });

  it('cuts the body on a character boundary, never through a UTF-8 sequence', async () => {
    // 'é' takes bytes 1023 and 1024: the cut at 1024 would split it, so it is left out.
    const receiver = await startReceiver((_req, res) => res.writeHead(400).end(`${'a'.repeat(1023)}é${'b'.repeat(100)}`));
    expect(expectResponse(await post(sender(), receiver.url)).body).toBe('a'.repeat(1023));
  });

  it('stops reading a receiver that streams without end once it has the first KiB', async () => {
    const receiver = await startReceiver((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('y'.repeat(512)), 1);
      res.on('close', () => clearInterval(timer));
    });
    // Well inside the timeout: a reader that waited for the end would time out instead.
    const result = expectResponse(await post(sender({ timeoutMs: 3000 }), receiver.url));
    expect(result.body).toBe('y'.repeat(1024));
    await waitFor(() => receiver.closedResponses === 1);
  });

  it('forwards Retry-After given in seconds or as an HTTP date', async () => {
    const inSeconds = await startReceiver((_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    const asDate = await startReceiver((_req, res) =>
      res.writeHead(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }).end(),
    );
    const garbage = await startReceiver((_req, res) => res.writeHead(503, { 'retry-after': 'later' }).end());

    expect(expectResponse(await post(sender(), inSeconds.url))).toMatchObject({ statusCode: 429, retryAfterSeconds: 120 });
    const dated = expectResponse(await post(sender(), asDate.url));
    expect(dated.retryAfterSeconds).toBeGreaterThanOrEqual(55);
    expect(dated.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(expectResponse(await post(sender(), garbage.url)).retryAfterSeconds).toBeUndefined();
  });

  it('reports a redirect as the answer and does not follow it', async () => {
    const target = await startReceiver((_req, res) => res.end('followed'));
    const redirecting = await startReceiver((_req, res) => res.writeHead(302, { location: `${target.url}/elsewhere` }).end());

    expect(expectResponse(await post(sender(), redirecting.url))).toMatchObject({ statusCode: 302, body: '' });
    expect(target.requests).toHaveLength(0);
  });

  it('gives up with a timeout when the receiver never answers', async () => {
    const silent = await startReceiver(() => undefined);
    const result = expectFailure(await post(sender({ timeoutMs: 300 }), silent.url));
    expect(result).toEqual({ kind: 'failed', durationMs: expect.any(Number) as number, error: 'timeout after 300 ms', isRefusedTarget: false });
    expect(silent.requests).toHaveLength(1);
  });

  it('reports a closed port as connection refused', async () => {
    const result = expectFailure(await post(sender(), `http://127.0.0.1:${await closedPort()}/hook`));
    expect(result).toMatchObject({ error: 'connection refused', isRefusedTarget: false });
  });

  it('reports a name that does not resolve as a DNS failure', async () => {
    const lookup: LookupFunction = (hostname, _options, callback) =>
      process.nextTick(() =>
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo' }), ''),
      );
    const result = expectFailure(await post(sender({ lookup }), 'http://nowhere.example.com/hook'));
    expect(result).toMatchObject({ error: 'dns: ENOTFOUND', isRefusedTarget: false });
  });

  describe('when insecure targets are not allowed', () => {
    it('refuses an http URL without sending anything', async () => {
      const receiver = await startReceiver((_req, res) => res.end());
      const result = expectFailure(await post(sender({ allowInsecureTargets: false }), receiver.url));
      expect(result).toMatchObject({ error: 'refused: the URL must use https', isRefusedTarget: true });
      expect(receiver.connections).toBe(0);
    });

    it('refuses a name that resolves to 127.0.0.1 without connecting', async () => {
      const receiver = await startReceiver((_req, res) => res.end());
      const lookup = fakeLookup([{ address: '127.0.0.1', family: 4 }]);
      const result = expectFailure(
        await post(sender({ allowInsecureTargets: false, lookup }), `https://hooks.example.com:${receiver.port}/hook`),
      );
      expect(result).toMatchObject({ error: 'refused: 127.0.0.1 is a loopback address', isRefusedTarget: true });
      expect(lookup.calls).toEqual(['hooks.example.com']);
      expect(receiver.connections).toBe(0);
    });

    it('refuses a name when any one of its addresses is private, even after a public one', async () => {
      const receiver = await startReceiver((_req, res) => res.end());
      const lookup = fakeLookup([
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ]);
      const result = expectFailure(
        await post(sender({ allowInsecureTargets: false, lookup }), `https://rebind.example.com:${receiver.port}/hook`),
      );
      expect(result).toMatchObject({ error: 'refused: 10.0.0.7 is a private address', isRefusedTarget: true });
      expect(receiver.connections).toBe(0);
    });

    it('refuses an IP literal that is not public without connecting', async () => {
      const receiver = await startReceiver((_req, res) => res.end());
      const result = expectFailure(await post(sender({ allowInsecureTargets: false }), `https://127.0.0.1:${receiver.port}/hook`));
      expect(result).toMatchObject({ error: "refused: the URL's host is a loopback address", isRefusedTarget: true });
      expect(receiver.connections).toBe(0);
    });

    it('refuses credentials in the URL in any mode', async () => {
      const receiver = await startReceiver((_req, res) => res.end());
      const url = `http://user:secret@127.0.0.1:${receiver.port}/hook`;
      expect(expectFailure(await post(sender(), url))).toMatchObject({
        error: 'refused: the URL must not contain a user name or password',
        isRefusedTarget: true,
      });
      expect(receiver.connections).toBe(0);
    });
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
