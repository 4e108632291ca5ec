import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * A webhook receiver for bench/webhook-throughput.ts, as a customer would write one: it
 * verifies each delivery with `standardwebhooks`, answers 200 after `delayMs`, and notes when
 * its answer went out, by webhook-id. Anything unverifiable is answered 400 and counted.
 */
export class TimedReceiver {
  /** webhook-id → when the 2xx was written (Date.now()). */
  readonly answeredAt = new Map<string, number>();
  duplicates = 0;
  unverified = 0;
  delayMs = 0;
  private verifier: Webhook | undefined;
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const id = request.headers['webhook-id'];
        try {
          this.verifier!.verify(Buffer.concat(chunks).toString('utf8'), request.headers as Record<string, string>);
        } catch {
          this.unverified++;
          response.writeHead(400).end();
          return;
        }
        setTimeout(() => {
          response.writeHead(200).end();
          if (typeof id !== 'string') return;
          if (this.answeredAt.has(id)) this.duplicates++;
          else this.answeredAt.set(id, Date.now());
        }, this.delayMs);
      });
    });
    this.server.keepAliveTimeout = 30_000;
  }

  static async start(): Promise<TimedReceiver> {
    const receiver = new TimedReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** The endpoint's signing secret, as its creation answered it. */
  verifyWith(secret: string): void {
    this.verifier = new Webhook(secret);
  }

  reset(delayMs: number): void {
    this.answeredAt.clear();
    this.duplicates = 0;
    this.unverified = 0;
    this.delayMs = delayMs;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
