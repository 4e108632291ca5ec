/**
 * The text/event-stream format as the HTML standard defines it ("Interpreting an event
 * stream"), for a reader that gets its text in pieces of any size: a line may be cut anywhere,
 * even between the \r and \n of its end. Pure: no I/O, no clock.
 */

/** One dispatched message. */
export interface SseMessage {
  /** The last event id the stream set, this message's or an earlier one's ('' when none). */
  readonly id: string;
  /** The `event:` field; 'message' when the message named none. */
  readonly event: string;
  readonly data: string;
}

/** A message longer than the parser holds: the reader should drop the connection, not buffer. */
export class SseOverflowError extends Error {
  constructor(readonly limit: number) {
    super(`A server-sent message grew past ${limit} characters without ending`);
    this.name = 'SseOverflowError';
  }
}

/** What a message may hold before it ends, in characters: ours are a few hundred. */
export const MAX_MESSAGE_CHARS = 1024 * 1024;

export interface SseParserOptions {
  /** The id a reconnected stream continues from: the standard keeps it across connections. */
  readonly lastEventId?: string;
  readonly maxMessageChars?: number;
}

export class SseParser {
  private partialLine = '';
  private data = '';
  private hasData = false;
  private eventType = '';
  private pendingId: string;
  private lastId: string;
  private retry: number | undefined;
  private isAtStart = true;
  /** The piece before ended with \r: a \n that opens the next one belongs to the same line end. */
  private isAfterCarriageReturn = false;
  private readonly limit: number;

  constructor(options: SseParserOptions = {}) {
    this.lastId = options.lastEventId ?? '';
    this.pendingId = this.lastId;
    this.limit = options.maxMessageChars ?? MAX_MESSAGE_CHARS;
  }

  /** The id to send as Last-Event-ID on reconnecting ('' for none). */
  get lastEventId(): string {
    return this.lastId;
  }

  /** The server's `retry:` in milliseconds, once it sent one. */
  get reconnectMs(): number | undefined {
    return this.retry;
  }

  /** Reads the next piece of text; answers the messages it completed. Throws SseOverflowError. */
  push(text: string): SseMessage[] {
    if (text === '') return [];
    // A byte order mark may open the stream, once.
    const chunk = this.isAtStart && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.isAtStart = false;
    const messages: SseMessage[] = [];
    let start = 0;
    if (this.isAfterCarriageReturn && chunk.startsWith('\n')) start = 1;
    this.isAfterCarriageReturn = false;
    for (let end = lineEnd(chunk, start); end !== -1; end = lineEnd(chunk, start)) {
      const message = this.readLine(this.partialLine + chunk.slice(start, end));
      this.partialLine = '';
      if (message !== undefined) messages.push(message);
      start = end + 1;
      if (chunk[end] === '\r') {
        if (start === chunk.length) this.isAfterCarriageReturn = true;
        else if (chunk[start] === '\n') start += 1;
      }
    }
    this.partialLine += chunk.slice(start);
    if (this.partialLine.length + this.data.length > this.limit) throw new SseOverflowError(this.limit);
    return messages;
  }

  private readLine(line: string): SseMessage | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data = this.hasData ? `${this.data}\n${value}` : value;
        this.hasData = true;
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        // The standard ignores an id with a NUL in it.
        if (!value.includes('\u0000')) this.pendingId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        // Unknown fields are ignored, as the standard says.
        break;
    }
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    this.lastId = this.pendingId;
    const message = this.hasData ? { id: this.lastId, event: this.eventType === '' ? 'message' : this.eventType, data: this.data } : undefined;
    this.data = '';
    this.hasData = false;
    this.eventType = '';
    return message;
  }
}

const LINE_END = /[\r\n]/g;

/** Where the next line ends (\r, \n or \r\n all end one), from `start`; -1 when it has not yet. */
function lineEnd(text: string, start: number): number {
  LINE_END.lastIndex = start;
  return LINE_END.exec(text)?.index ?? -1;
}
