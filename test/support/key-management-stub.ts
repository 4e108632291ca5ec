import { generateKeyPairSync, randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request as httpRequest,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

const SIGNING_KEY_PATH = '/developer/key_management/v1/signing_key';

/** A request the stub passed on to the emulator, as it arrived. */
export interface ForwardedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A key the stub made, with the private key the service should have stored. */
export interface StubSigningKey {
  readonly signingKeyId: string;
  readonly jwe: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

export interface KeyManagementStub {
  /** EBAY_API_BASE_URL and EBAY_APIZ_BASE_URL for the service: the stub in front of each host. */
  readonly env: { readonly EBAY_API_BASE_URL: string; readonly EBAY_APIZ_BASE_URL: string };
  /** createSigningKey calls received, answered or not. */
  readonly keyRequests: number;
  readonly keys: readonly StubSigningKey[];
  readonly forwarded: readonly ForwardedRequest[];
  /** The public key (SPKI DER, base64) behind a JWE the stub handed out. */
  publicKeyOf(jwe: string): string | undefined;
  /** createSigningKey answers this status (with eBay's error body) until set back to undefined. */
  failWith(status: number | undefined): void;
  /** createSigningKey takes this long to answer. */
  setLatency(latencyMs: number): void;
  clearForwarded(): void;
  close(): Promise<void>;
}

/**
 * A stub in front of the emulator's api and apiz hosts (`upstreams`: the base URLs the service
 * would use) that keeps a copy of every request, so a test can check what reached "eBay" and
 * verify its signature, and that makes eBay's Key Management createSigningKey fail or wait on
 * demand. createSigningKey goes to the emulator, whose keys are noted (an emulator without Key
 * Management, answering 404, gets real Ed25519 keys made here instead); everything else goes
 * to the same host unchanged, Host header included.
 */
export async function startKeyManagementStub(upstreams: {
  readonly EBAY_API_BASE_URL: string;
  readonly EBAY_APIZ_BASE_URL: string;
}): Promise<KeyManagementStub> {
  const keys: StubSigningKey[] = [];
  let forwarded: ForwardedRequest[] = [];
  let keyRequests = 0;
  let failure: number | undefined;
  let latencyMs = 0;

  function answerKeyRequest(headers: IncomingHttpHeaders, body: Buffer, response: ServerResponse): void {
    const json = (status: number, payload: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    if (!/^Bearer \S+$/.test(headers.authorization ?? '')) {
      json(401, { errors: [{ errorId: 1001, domain: 'OAuth', message: 'Invalid access token' }] });
      return;
    }
    if (failure !== undefined) {
      json(failure, { errors: [{ errorId: 10001, domain: 'API_KEYMANAGEMENT', message: 'System error' }] });
      return;
    }
    if (cipherAskedFor(body) !== 'ED25519') {
      json(400, { errors: [{ errorId: 10002, domain: 'API_KEYMANAGEMENT', message: 'Invalid signingKeyCipher' }] });
      return;
    }
    const pair = generateKeyPairSync('ed25519');
    const key: StubSigningKey = {
      signingKeyId: randomUUID(),
      jwe: `eyJ0ZXN0IjoidHJ1ZSJ9.${randomUUID()}`,
      publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    };
    keys.push(key);
    const now = Math.floor(Date.now() / 1000);
    json(201, { ...key, signingKeyCipher: 'ED25519', creationTime: now, expirationTime: now + 3 * 365 * 24 * 3600 });
  }

  /**
   * Once the emulator serves createSigningKey itself (and checks signatures with the keys it
   * made), its answer is passed on and its key noted; until then (404) the stub makes one.
   */
  async function createSigningKey(upstream: URL, request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<void> {
    if (failure === undefined) {
      const answer = await fetch(new URL(request.url ?? '/', upstream), {
        method: 'POST',
        headers: { authorization: request.headers.authorization ?? '', 'content-type': 'application/json' },
        body,
      }).catch(() => undefined);
      if (answer !== undefined && answer.status !== 404) {
        const text = await answer.text();
        if (answer.ok) {
          const { signingKeyId, jwe, publicKey, privateKey } = JSON.parse(text) as StubSigningKey;
          keys.push({ signingKeyId, jwe, publicKey, privateKey });
        }
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
        return;
      }
    }
    answerKeyRequest(request.headers, body, response);
  }

  function forward(upstream: URL, request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    forwarded.push({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body });
    const proxied = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        // The Host as the service sent it: the signature's @authority covers it, and eBay (the
        // emulator) checks it against what arrives.
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    proxied.on('error', () => response.writeHead(502).end());
    proxied.end(body);
  }

  /** The stub in front of one host; only apiz serves Key Management, as at eBay. */
  function front(upstreamBaseUrl: string, servesKeyManagement: boolean): Server {
    const upstream = new URL(upstreamBaseUrl);
    return createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const path = (request.url ?? '/').split('?', 1)[0];
        if (servesKeyManagement && request.method === 'POST' && path === SIGNING_KEY_PATH) {
          keyRequests++;
          setTimeout(() => void createSigningKey(upstream, request, body, response), latencyMs);
        } else {
          forward(upstream, request, body, response);
        }
      });
    });
  }

  const servers = [front(upstreams.EBAY_API_BASE_URL, false), front(upstreams.EBAY_APIZ_BASE_URL, true)];
  const [api, apiz] = await Promise.all(
    servers.map(
      (server) =>
        new Promise<string>((resolve) =>
          server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
        ),
    ),
  );

  return {
    env: { EBAY_API_BASE_URL: api, EBAY_APIZ_BASE_URL: apiz },
    get keyRequests() {
      return keyRequests;
    },
    keys,
    get forwarded() {
      return forwarded;
    },
    publicKeyOf: (jwe) => keys.find((key) => key.jwe === jwe)?.publicKey,
    failWith: (status) => {
      failure = status;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    clearForwarded: () => {
      forwarded = [];
    },
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve, reject) => {
              server.closeAllConnections();
              server.close((error) => (error ? reject(error) : resolve()));
            }),
        ),
      );
    },
  };
}

function cipherAskedFor(body: Buffer): unknown {
  try {
    return (JSON.parse(body.toString('utf8')) as { signingKeyCipher?: unknown }).signingKeyCipher;
  } catch {
    return undefined;
  }
}
