import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { type Clock, SystemClock } from '../../common/time/clock';
import { parseRetryAfterSeconds } from './retry-after';
import { checkWebhookUrl, describeNonPublicAddress } from './target-address';

/** One delivery attempt: where to POST, the headers to send (signature included), the JSON body. */
export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What one attempt came to: the receiver's answer, or why there was none. */
export type WebhookAttemptResult =
  | {
      readonly kind: 'response';
      readonly statusCode: number;
      readonly durationMs: number;
      /** At most the first KiB of the receiver's body, cut on a UTF-8 character boundary. */
      readonly body: string;
      readonly retryAfterSeconds: number | undefined;
      /** The IP address the request was actually sent to. */
      readonly connectedAddress: string;
    }
  | {
      readonly kind: 'failed';
      readonly durationMs: number;
      /** Short and readable: 'timeout after 15000 ms', 'connection refused', 'dns: ENOTFOUND'. */
      readonly error: string;
      /** The target is not allowed (scheme, credentials, non-public address); nothing was sent. */
      readonly isRefusedTarget: boolean;
    };

export interface WebhookSenderOptions {
  /** Bounds the whole attempt: DNS, connect, TLS, sending, the headers and the first KiB. */
  readonly timeoutMs: number;
  /** Development only: http, localhost and private addresses are allowed. */
  readonly allowInsecureTargets: boolean;
  /** Resolves host names; dns.lookup unless a test injects one. */
  readonly lookup?: LookupFunction;
  readonly userAgent: string;
  /** Concurrent connections per receiver origin; 256 unless told. */
  readonly maxSockets?: number;
  /** Reads HTTP-dates in Retry-After; the system clock unless a test injects one. */
  readonly clock?: Clock;
}

/** The most of a receiver's body kept: enough to show what went wrong, never a stream's worth. */
export const MAX_RESPONSE_BODY_BYTES = 1024;

const DEFAULT_MAX_SOCKETS = 256;

/** Raised inside the connection when the target's address is not public; never leaves this file. */
class RefusedTargetError extends Error {
  constructor(
    readonly address: string,
    readonly description: string,
  ) {
    super(`${address} is ${description}`);
  }
}

/**
 * Makes one webhook POST over node:http(s) with keep-alive agents shared by all attempts.
 * Never follows a redirect, never throws for network trouble (the result says what happened),
 * and never logs the request: its headers carry the signature.
 */
export class WebhookSender {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly clock: Clock;

  constructor(private readonly options: WebhookSenderOptions) {
    const lookup = options.lookup ?? dnsLookup;
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxSockets ?? DEFAULT_MAX_SOCKETS,
      // Every address a name resolves to is checked before a connection is opened.
      lookup: options.allowInsecureTargets ? lookup : publicAddressesOnly(lookup),
    };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
    this.clock = options.clock ?? new SystemClock();
  }

  /** POSTs `request.body` once and reports the answer; resolves, never rejects, on network trouble. */
  send(request: WebhookRequest): Promise<WebhookAttemptResult> {
    const startedAt = performance.now();
    const elapsedMs = () => Math.round(performance.now() - startedAt);
    // Checked again at each attempt: the URL was checked at creation, but the policy may differ.
    const verdict = checkWebhookUrl(request.url, { allowInsecure: this.options.allowInsecureTargets });
    if (!verdict.ok) {
      return Promise.resolve({ kind: 'failed', durationMs: elapsedMs(), error: `refused: ${verdict.reason}`, isRefusedTarget: true });
    }
    const url = verdict.url;
    const isHttps = url.protocol === 'https:';

    return new Promise<WebhookAttemptResult>((resolve) => {
      let isSettled = false;
      let connectedAddress = '';
      let timer: NodeJS.Timeout | undefined;
      const settle = (result: WebhookAttemptResult) => {
        if (isSettled) return;
        isSettled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const fail = (error: string, isRefusedTarget: boolean) =>
        settle({ kind: 'failed', durationMs: elapsedMs(), error, isRefusedTarget });

      const options: http.RequestOptions = {
        method: 'POST',
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(request.body)),
          'user-agent': this.options.userAgent,
        },
      };
      const outgoing = isHttps
        ? https.request(url, { ...options, agent: this.httpsAgent })
        : http.request(url, { ...options, agent: this.httpAgent });

      timer = setTimeout(() => {
        fail(`timeout after ${this.options.timeoutMs} ms`, false);
        outgoing.destroy();
      }, this.options.timeoutMs);

      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (error instanceof RefusedTargetError) fail(`refused: ${error.message}`, true);
        else fail(describeNetworkError(error), false);
      });

      // The body is written only once the socket's peer is known to be allowed.
      outgoing.on('socket', (socket: Socket) => {
        const sendOnVerifiedSocket = () => {
          if (isSettled) return;
          const address = socket.remoteAddress;
          if (!this.options.allowInsecureTargets) {
            // Checked again on the connected socket: DNS may answer differently the second time.
            const description = address === undefined ? 'an unknown address' : describeNonPublicAddress(address);
            if (description !== undefined) {
              outgoing.destroy(new RefusedTargetError(address ?? 'the peer', description));
              return;
            }
          }
          connectedAddress = address ?? '';
          outgoing.end(request.body);
        };
        if (socket.connecting) socket.once('connect', sendOnVerifiedSocket);
        else sendOnVerifiedSocket();
      });

      outgoing.on('response', (response) => {
        const statusCode = response.statusCode ?? 0;
        const retryAfterSeconds = parseRetryAfterSeconds(response.headers['retry-after'], this.clock.now());
        const chunks: Buffer[] = [];
        let keptBytes = 0;
        const answer = (isCut: boolean) =>
          settle({
            kind: 'response',
            statusCode,
            durationMs: elapsedMs(),
            body: decodeUtf8Prefix(Buffer.concat(chunks), isCut),
            retryAfterSeconds,
            connectedAddress,
          });

        response.on('data', (chunk: Buffer) => {
          if (isSettled) return;
          if (keptBytes + chunk.length <= MAX_RESPONSE_BODY_BYTES) {
            chunks.push(chunk);
            keptBytes += chunk.length;
            return;
          }
          chunks.push(chunk.subarray(0, MAX_RESPONSE_BODY_BYTES - keptBytes));
          answer(true);
          // The rest could be endless: drop the connection rather than read it to reuse the socket.
          response.destroy();
        });
        // A body that ended within the KiB leaves the socket to the agent for the next attempt.
        response.on('end', () => answer(false));
        // Cut off mid-body: the status still came, so it is still the receiver's answer.
        response.on('error', () => answer(false));
        response.on('close', () => answer(false));
      });
    });
  }

  /** Closes every pooled connection; the sender is not used afterwards. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** `lookup`, answering a RefusedTargetError instead when any address it finds is not public. */
function publicAddressesOnly(lookup: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, options, (error, address, family) => {
      if (error !== null) {
        callback(error, address, family);
        return;
      }
      const addresses = typeof address === 'string' ? [address] : address.map((entry) => entry.address);
      for (const candidate of addresses) {
        const description = describeNonPublicAddress(candidate);
        if (description !== undefined) {
          callback(new RefusedTargetError(candidate, description), address, family);
          return;
        }
      }
      callback(null, address, family);
    });
  };
}

/** The first bytes as text, dropping a character the cut split in two. */
function decodeUtf8Prefix(bytes: Buffer, isCut: boolean): string {
  // StringDecoder.write holds back an incomplete trailing sequence, which is what a cut needs.
  return isCut ? new StringDecoder('utf8').write(bytes) : bytes.toString('utf8');
}

/** A network error in a few words, without the request (its headers hold the signature). */
function describeNetworkError(error: NodeJS.ErrnoException): string {
  const code = error.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return error.message === 'socket hang up' ? 'connection closed before a response' : 'connection reset';
    case 'EPIPE':
      return 'connection closed while sending';
    case 'ETIMEDOUT':
      return 'connect timed out';
    case 'EHOSTUNREACH':
      return 'host unreachable';
    case 'ENETUNREACH':
      return 'network unreachable';
    case undefined:
      return `network error: ${error.message.slice(0, 200)}`;
    default:
      break;
  }
  if (error.syscall === 'getaddrinfo' || code === 'ENOTFOUND' || code.startsWith('EAI_')) return `dns: ${code}`;
  if (/CERT|SSL|TLS/.test(code) || code === 'EPROTO') return `tls: ${code}`;
  if (code.startsWith('HPE_')) return `invalid HTTP response: ${code}`;
  return `network error: ${code}`;
}
