import fc from 'fast-check';
import { SseOverflowError, SseParser } from '../../web/src/api/sse-parser';

/** Everything the text yields when it arrives in the given pieces. */
function parse(pieces: readonly string[], parser = new SseParser()) {
  return pieces.flatMap((piece) => parser.push(piece));
}

describe('the console’s text/event-stream parser', () => {
  it('reads the service’s messages: id, data, a comment, the retry field', () => {
    const parser = new SseParser();
    const text = 'retry: 2000\n\n: heartbeat\n\nid: evt_0000000000000000001\ndata: {"type":"account.connected"}\n\n';

    expect(parse([text], parser)).toEqual([{ id: 'evt_0000000000000000001', event: 'message', data: '{"type":"account.connected"}' }]);
    expect(parser.lastEventId).toBe('evt_0000000000000000001');
    expect(parser.reconnectMs).toBe(2000);
  });

  it('ends lines at \\n, \\r\\n or \\r alike, even when a \\r\\n is cut in two', () => {
    for (const end of ['\n', '\r\n', '\r']) {
      expect(parse([`id: 1${end}data: a${end}${end}`])).toEqual([{ id: '1', event: 'message', data: 'a' }]);
    }
    // \r at the end of one piece, \n at the start of the next: one line end, not an empty line.
    expect(parse(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([{ id: '', event: 'message', data: 'a\nb' }]);
  });

  it('joins multi-line data with \\n and takes one space after the colon off, no more', () => {
    expect(parse(['data: one\ndata:two\ndata:  three\ndata\n\n'])).toEqual([{ id: '', event: 'message', data: 'one\ntwo\n three\n' }]);
  });

  it('dispatches on a blank line only: a message without data is none, an unfinished one is kept for later', () => {
    const parser = new SseParser();
    expect(parse(['id: 7\n\n', 'data: partial'], parser)).toEqual([]);
    // An id alone still moves the id a reconnect sends.
    expect(parser.lastEventId).toBe('7');
    expect(parse(['\n\n'], parser)).toEqual([{ id: '7', event: 'message', data: 'partial' }]);
  });

  it('keeps the last id for later messages and across a reconnect, and ignores one with a NUL', () => {
    const parser = new SseParser({ lastEventId: 'evt_5' });
    expect(parse(['data: a\n\nid: evt_6\ndata: b\n\nid: bad\u0000id\ndata: c\n\n'], parser).map((message) => message.id)).toEqual([
      'evt_5',
      'evt_6',
      'evt_6',
    ]);
    // An empty id clears it: a reconnect then sends none.
    parse(['id\n\n'], parser);
    expect(parser.lastEventId).toBe('');
  });

  it('names a message by its event field, ignores unknown fields and a retry that is not a number', () => {
    const parser = new SseParser();
    expect(parse(['event: ping\ndata: x\nfoo: bar\nretry: soon\n\ndata: y\n\n'], parser)).toEqual([
      { id: '', event: 'ping', data: 'x' },
      { id: '', event: 'message', data: 'y' },
    ]);
    expect(parser.reconnectMs).toBeUndefined();
  });

  it('skips a byte order mark that opens the stream, and only there', () => {
    expect(parse(['\ufeffdata: a\n\n', '\ufeffdata: b\n\n'])).toEqual([
      { id: '', event: 'message', data: 'a' },
    ]);
  });

  it('refuses to hold a line or a message past its cap', () => {
    const parser = new SseParser({ maxMessageChars: 100 });
    expect(() => parser.push('data: ' + 'x'.repeat(200))).toThrow(SseOverflowError);

    const lines = new SseParser({ maxMessageChars: 100 });
    lines.push(`data: ${'y'.repeat(60)}\n`);
    expect(() => lines.push(`data: ${'y'.repeat(60)}\n`)).toThrow(SseOverflowError);
    // Long streams of short messages are no message too long.
    const many = new SseParser({ maxMessageChars: 100 });
    expect(parse(Array.from({ length: 1000 }, () => 'data: z\n\n'), many)).toHaveLength(1000);
  });

  it('reads the same messages however the text is cut', () => {
    const text = 'retry: 2000\r\n\r\n: hb\nid: evt_1\r\ndata: {"a":1}\r\ndata: ü€\r\n\r\nid: evt_2\rdata: x\r\r: tail\n';
    const whole = parse([text]);
    expect(whole.map((message) => message.id)).toEqual(['evt_1', 'evt_2']);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 12 }), (cuts) => {
        const sorted = [0, ...cuts.sort((a, b) => a - b), text.length];
        const pieces = sorted.slice(1).map((end, index) => text.slice(sorted[index], end));
        expect(parse(pieces)).toEqual(whole);
      }),
    );
  });
});
