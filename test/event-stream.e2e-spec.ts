import { SseClient } from './support/sse-client';
import { startTestApp, type TestApp } from './support/test-app';
import { registerAndLogin, type SignedInUser } from './support/users';
import { WebhookReceiver } from './support/webhook-receiver';

describe('GET /api/events/stream (server-sent events)', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let alice: SignedInUser;
  let bob: SignedInUser;
  let endpointId: string;
  const streams: SseClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { EVENTS_STREAMS_PER_USER: '3', WEBHOOK_ALLOW_INSECURE_TARGETS: 'true' } });
    receiver = await WebhookReceiver.start();
    alice = await registerAndLogin(t.http);
    bob = await registerAndLogin(t.http);
    endpointId = (await t.http.post('/api/webhook-endpoints').set(bob.auth).send({ url: receiver.url }).expect(201)).body.id as string;
  });
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.close()));
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  async function open(user: SignedInUser, headers: Record<string, string> = {}): Promise<SseClient> {
    const stream = await SseClient.open(`${t.baseUrl}/api/events/stream`, { ...user.auth, ...headers });
    streams.push(stream);
    return stream;
  }

  /** A real event of bob's organisation: a webhook.test of his endpoint. */
  async function bobsEvent(): Promise<string> {
    return (await t.http.post(`/api/webhook-endpoints/${endpointId}/test`).set(bob.auth).expect(202)).body.eventId as string;
  }

  it('sends each new event with its id and the webhook body, to its organisation only', async () => {
    const bobs = await open(bob);
    const alices = await open(alice);
    expect(bobs.status).toBe(200);
    // alice registered first: she is the administrator and sees every organisation.
    const bobsOnly = await registerAndLogin(t.http);
    const outsider = await open(bobsOnly);

    const eventId = await bobsEvent();
    const [message] = await bobs.waitFor(1);
    expect(message.id).toBe(eventId);
    expect(JSON.parse(message.data)).toEqual({ type: 'webhook.test', timestamp: expect.any(String), data: { endpointId } });
    await alices.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(outsider.messages).toEqual([]);
  });

  it('resumes after Last-Event-ID with what it missed, then live, each once and in order', async () => {
    const first = await bobsEvent();
    const missed = [await bobsEvent(), await bobsEvent()];
    const resumed = await open(bob, { 'Last-Event-ID': first });
    const caughtUp = await resumed.waitFor(2);
    expect(caughtUp.map((message) => message.id)).toEqual(missed);
    const live = await bobsEvent();
    const all = await resumed.waitFor(3);
    expect(all.map((message) => message.id)).toEqual([...missed, live]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.messages).toHaveLength(3);
  });

  it('refuses a bad Last-Event-ID with 400 and a fourth stream of one user with 429, as JSON errors', async () => {
    const bad = await open(bob, { 'Last-Event-ID': 'evt_12' });
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({ code: 'invalid_event_id' });
    for (let i = 0; i < 3; i++) expect((await open(bob)).status).toBe(200);
    const fourth = await open(bob);
    expect(fourth.status).toBe(429);
    expect(fourth.error).toMatchObject({ code: 'too_many_streams' });
    // A closed stream frees its place.
    await streams[1].close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await open(bob)).status).toBe(200);
  });

  it('needs a JWT', async () => {
    const response = await fetch(`${t.baseUrl}/api/events/stream`);
    expect(response.status).toBe(401);
  });
});
