import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got, as it came over the wire. */
export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  /** The raw body, as a receiver must verify it. */
  readonly body: string;
  readonly receivedAt: number;
}

/** What the receiver answers to one request: a status, and headers such as Retry-After. */
export interface ReceiverAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Milliseconds to wait before answering. */
  readonly delayMs?: number;
}

/**
 * A webhook receiver on 127.0.0.1, a separate HTTP server as a customer would run: it records
 * every request and answers from a script (`answer`), then with `otherwise` (200).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly script: ReceiverAnswer[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];
  otherwise: ReceiverAnswer = { status: 200 };
  private readonly server: Server;
  private readonly delayed = new Set<NodeJS.Timeout>();

  private constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() });
        this.notify();
        const answer = this.script.shift() ?? this.otherwise;
        const timer = setTimeout(() => {
          this.delayed.delete(timer);
          response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
          response.end(`answered ${answer.status}`);
        }, answer.delayMs ?? 0);
        this.delayed.add(timer);
      });
    });
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** The next requests are answered with these, in order. */
  answer(...answers: ReceiverAnswer[]): void {
    this.script.push(...answers);
  }

  /** Resolves once `count` requests have arrived in all (answered or not yet); rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 20_000): Promise<ReceivedWebhook[]> {
    if (this.received.length < count) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${this.received.length} of ${count} webhooks arrived within ${timeoutMs} ms`)), timeoutMs);
        this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    }
    return this.received.slice(0, count);
  }

  private notify(): void {
    const done = this.waiters.filter((waiter) => this.received.length >= waiter.count);
    this.waiters = this.waiters.filter((waiter) => this.received.length < waiter.count);
    for (const waiter of done) waiter.resolve();
  }

  close(): Promise<void> {
    for (const timer of this.delayed) clearTimeout(timer);
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
