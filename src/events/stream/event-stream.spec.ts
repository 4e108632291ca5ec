import type { Response } from 'express';
import type { StoredEvent } from '../event.repository';
import { EventStream, MAX_UNREAD_BYTES } from './event-stream';

/** A response whose reader reads nothing: every byte written stays buffered. */
function unreadResponse(): { response: Response; written: string[]; isDestroyed: () => boolean } {
  const written: string[] = [];
  let destroyed = false;
  let buffered = 0;
  const response = {
    write(text: string) {
      written.push(text);
      buffered += Buffer.byteLength(text);
      return buffered < 16_384;
    },
    get writableLength() {
      return buffered;
    },
    destroy() {
      destroyed = true;
    },
  } as unknown as Response;
  return { response, written, isDestroyed: () => destroyed };
}

function event(position: number, orgId: string | null = 'org-a'): StoredEvent {
  return { position: String(position), orgId, accountId: null, type: 'webhook.test', occurredAt: new Date(0), data: { pad: 'x'.repeat(500) } };
}

describe('EventStream', () => {
  it('drops a reader that leaves more than its share unread instead of buffering without end', () => {
    const { response, written, isDestroyed } = unreadResponse();
    const reasons: string[] = [];
    const stream = new EventStream(response, { orgId: 'org-a', types: undefined, accountId: undefined }, 0n, (reason) => reasons.push(reason));
    stream.goLive();
    for (let i = 1; i <= 2_000; i++) stream.deliver(event(i));
    expect(isDestroyed()).toBe(true);
    expect(reasons).toEqual(['the reader is not reading']);
    const bytes = written.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    expect(bytes).toBeLessThan(MAX_UNREAD_BYTES + 2_000);
  });

  it('sends each event once, in order, skipping other organisations’ and what the catch-up sent', () => {
    const { response, written } = unreadResponse();
    const stream = new EventStream(response, { orgId: 'org-a', types: undefined, accountId: undefined }, 0n, () => undefined);
    stream.deliver(event(2));
    stream.deliver(event(3, 'org-b'));
    stream.deliver(event(4, null));
    stream.writeBacklog([event(1), event(2)]);
    stream.goLive();
    stream.deliver(event(4, null));
    expect(written.map((text) => /^id: evt_0*(\d+)/.exec(text)?.[1])).toEqual(['1', '2', '4']);
  });
});
