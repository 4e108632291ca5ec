/** One server-sent event as a client parses it. */
export interface SseMessage {
  readonly id: string | undefined;
  readonly data: string;
}

/**
 * Reads a text/event-stream with fetch, as a browser console does (EventSource cannot send the
 * Authorization header), and parses its messages.
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  comments = 0;
  private readonly controller = new AbortController();
  private waiters: { count: number; resolve: () => void }[] = [];
  status = 0;
  /** The JSON error body when the stream was refused. */
  error: unknown;
  private ended: Promise<void> = Promise.resolve();

  static async open(url: string, headers: Record<string, string>): Promise<SseClient> {
    const client = new SseClient();
    const response = await fetch(url, { headers, signal: client.controller.signal });
    client.status = response.status;
    if (response.status !== 200 || response.body === null) {
      client.error = await response.json();
      return client;
    }
    client.ended = client.read(response.body).catch(() => undefined);
    return client;
  }

  async waitFor(count: number, timeoutMs = 10_000): Promise<SseMessage[]> {
    if (this.messages.length < count) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${this.messages.length} of ${count} stream messages within ${timeoutMs} ms`)), timeoutMs);
        this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    }
    return this.messages.slice(0, count);
  }

  /** Resolves when the stream ends, whoever ended it. */
  finished(): Promise<void> {
    return this.ended;
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.ended;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        this.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  private parse(block: string): void {
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments++;
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0) return;
    this.messages.push({ id, data: data.join('\n') });
    const done = this.waiters.filter((waiter) => this.messages.length >= waiter.count);
    this.waiters = this.waiters.filter((waiter) => this.messages.length < waiter.count);
    for (const waiter of done) waiter.resolve();
  }
}
