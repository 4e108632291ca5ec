import { SseClient } from './support/sse-client';
import { startTestApp } from './support/test-app';
import { registerAndLogin } from './support/users';

/** Longer than a shutdown takes here (well under a second), shorter than jest's 30 s. */
const SHUTDOWN_LIMIT_MS = 10_000;

/**
 * A live stream is a request that never finishes, and app.close() (what SIGTERM and Ctrl-C run)
 * waits for every request: a console tab left open must not keep the service from stopping.
 */
describe('shutting down with live streams open', () => {
  it('ends each stream and closes, instead of waiting for the readers to leave', async () => {
    const t = await startTestApp();
    const user = await registerAndLogin(t.http);
    const stream = await SseClient.open(`${t.baseUrl}/api/events/stream`, user.auth);
    expect(stream.status).toBe(200);

    const closing = t.close();
    const closed = await withinLimit(closing);
    // When it fails, the reader leaves, so the app can close and its database be dropped.
    if (closed === 'still open') await stream.close().then(() => closing);

    expect(closed).toBe('closed');
    expect(await withinLimit(stream.finished())).toBe('closed');
  });
});

function withinLimit(work: Promise<void>): Promise<'closed' | 'still open'> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'still open'>((resolve) => {
    timer = setTimeout(() => resolve('still open'), SHUTDOWN_LIMIT_MS);
  });
  return Promise.race([work.then(() => 'closed' as const), limit]).finally(() => clearTimeout(timer));
}
