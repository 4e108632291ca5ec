import { Webhook } from 'standardwebhooks';
import { APPEND_EVENT_SQL, EVENT_ORDER_LOCK_SQL } from '../src/events/event.repository';
import { eventually } from './support/eventually';
import { withDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';
import { registerAndLogin, type SignedInUser } from './support/users';
import { WebhookReceiver } from './support/webhook-receiver';

/** Short waits, so that a test sees a few retries: 1 s and 1 s, ±10 %. */
const SCHEDULE = '1s,1s';

describe('webhook endpoints and deliveries (a real receiver over HTTP)', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let alice: SignedInUser;
  let bob: SignedInUser;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_RETRY_SCHEDULE: SCHEDULE, WEBHOOK_ALLOW_INSECURE_TARGETS: 'true' } });
    alice = await registerAndLogin(t.http);
    bob = await registerAndLogin(t.http);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await receiver.close();
  });

  async function register(user: SignedInUser, body: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
    const response = await t.http.post('/api/webhook-endpoints').set(user.auth).send({ url: receiver.url, ...body }).expect(201);
    return { id: response.body.id as string, secret: response.body.secret as string };
  }

  it('registers an endpoint, shows its secret once, and signs a test delivery that standardwebhooks verifies', async () => {
    const created = await t.http
      .post('/api/webhook-endpoints')
      .set(alice.auth)
      .send({ url: receiver.url, description: 'frontend', eventTypes: ['account.reauth_required'] })
      .expect(201);
    expect(created.body).toMatchObject({ url: receiver.url, description: 'frontend', eventTypes: ['account.reauth_required'], enabled: true });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from((created.body.secret as string).slice(6), 'base64')).toHaveLength(32);

    // At rest the secret is ciphertext under the configured key, bound to its endpoint.
    const { rows } = await withDatabase(t.database.url, (client) =>
      client.query(`SELECT secret FROM webhook_endpoints WHERE id = $1`, [created.body.id]),
    );
    expect(rows[0].secret).toMatch(/^v1\.test1\./);
    expect(rows[0].secret).not.toContain((created.body.secret as string).slice(6));

    const shown = await t.http.get(`/api/webhook-endpoints/${created.body.id}`).set(alice.auth).expect(200);
    expect(shown.body.secret).toBeUndefined();
    expect(JSON.stringify((await t.http.get('/api/webhook-endpoints').set(alice.auth).expect(200)).body)).not.toContain(created.body.secret);

    // webhook.test goes to the endpoint it tests, whatever its types.
    const test = await t.http.post(`/api/webhook-endpoints/${created.body.id}/test`).set(alice.auth).expect(202);
    const [delivery] = await receiver.waitFor(1);
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['webhook-id']).toBe(test.body.eventId);
    const verified = new Webhook(created.body.secret as string).verify(delivery.body, delivery.headers as Record<string, string>);
    expect(verified).toEqual({ type: 'webhook.test', timestamp: expect.any(String), data: { endpointId: created.body.id } });
    // Another secret does not verify it.
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(delivery.body, delivery.headers as Record<string, string>)).toThrow();

    const events = await t.http.get('/api/events').query({ types: 'webhook.test' }).set(alice.auth).expect(200);
    expect(events.body.items.map((event: { id: string }) => event.id)).toEqual([test.body.eventId]);
  });

  it('retries a receiver answering 500, 500, 200 with one webhook-id, and lists the three attempts', async () => {
    const endpoint = await register(alice);
    receiver.answer({ status: 500 }, { status: 500 });
    await t.http.post(`/api/webhook-endpoints/${endpoint.id}/test`).set(alice.auth).expect(202);
    const attempts = await receiver.waitFor(3);
    expect(new Set(attempts.map((attempt) => attempt.headers['webhook-id'])).size).toBe(1);
    // The waits of the schedule lie between them (1 s ±10 %).
    expect(attempts[1].receivedAt - attempts[0].receivedAt).toBeGreaterThanOrEqual(850);

    const deliveries = await eventually(async () => {
      const page = await t.http.get(`/api/webhook-endpoints/${endpoint.id}/deliveries`).set(alice.auth).expect(200);
      expect(page.body.items[0].status).toBe('succeeded');
      return page.body;
    });
    expect(deliveries.items).toHaveLength(1);
    expect(deliveries.items[0]).toMatchObject({ eventType: 'webhook.test', attempts: 3, nextAttemptAt: null });
    expect(deliveries.items[0].attemptLog.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([500, 500, 200]);
    expect(deliveries.items[0].attemptLog[0].responseBody).toBe('answered 500');
  });

  it('keeps at most 16 deliveries of one endpoint in flight, counting those already waiting for their answer', async () => {
    const endpoint = await register(alice);
    receiver.otherwise = { status: 200, delayMs: 2_000 };
    await t.http.post(`/api/webhook-endpoints/${endpoint.id}/test`).set(alice.auth).expect(202);
    await receiver.waitFor(1);
    // 23 more committed at once, as the service writes them: one claim finds them all due while one is in flight.
    await withDatabase(t.database.url, async (client) => {
      await client.query('BEGIN');
      await client.query(EVENT_ORDER_LOCK_SQL);
      for (let i = 0; i < 23; i++) {
        await client.query(APPEND_EVENT_SQL.organisation, ['webhook.test', JSON.stringify({ endpointId: endpoint.id }), endpoint.id, alice.id]);
      }
      await client.query('COMMIT');
    });
    await receiver.waitFor(16);
    // Time for a 17th to arrive, were the bound per claim rather than per endpoint.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received.length).toBe(16);
    // As answers come back, the rest follow.
    await receiver.waitFor(24);
  });

  it('marks a delivery failed when the schedule runs out, and sends it again on request', async () => {
    const endpoint = await register(alice);
    receiver.answer({ status: 503 }, { status: 503 }, { status: 503 });
    await t.http.post(`/api/webhook-endpoints/${endpoint.id}/test`).set(alice.auth).expect(202);
    await receiver.waitFor(3);
    const failed = await eventually(async () => {
      const page = await t.http.get(`/api/webhook-endpoints/${endpoint.id}/deliveries`).query({ status: 'failed' }).set(alice.auth).expect(200);
      expect(page.body.items).toHaveLength(1);
      return page.body.items[0];
    });
    expect(failed.attempts).toBe(3);

    await t.http.post(`/api/webhook-endpoints/${endpoint.id}/deliveries/${failed.id}/retry`).set(alice.auth).expect(204);
    const [, , , again] = await receiver.waitFor(4);
    expect(again.headers['webhook-id']).toBe(receiver.received[0].headers['webhook-id']);
  });

  it('disables an endpoint that answers 410, and delivers nothing more to it', async () => {
    const endpoint = await register(alice);
    receiver.answer({ status: 410 });
    await t.http.post(`/api/webhook-endpoints/${endpoint.id}/test`).set(alice.auth).expect(202);
    await receiver.waitFor(1);
    const disabled = await eventually(async () => {
      const shown = await t.http.get(`/api/webhook-endpoints/${endpoint.id}`).set(alice.auth).expect(200);
      expect(shown.body.enabled).toBe(false);
      return shown.body;
    });
    expect(disabled.disabledReason).toBe('gone');
    await t.http.post(`/api/webhook-endpoints/${endpoint.id}/test`).set(alice.auth).expect(409);

    const enabled = await t.http.patch(`/api/webhook-endpoints/${endpoint.id}`).set(alice.auth).send({ enabled: true }).expect(200);
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null });
  });

  it('disables an endpoint that has answered nothing but failures for five days, and not one that failed for less', async () => {
    const endpoint = await register(alice);
    // Every attempt fails, retries included: nothing resets the streak behind the test's back.
    receiver.otherwise = { status: 500 };
    const failingSince = async (interval: string): Promise<void> => {
      await withDatabase(t.database.url, (client) =>
        client.query(`UPDATE webhook_endpoints SET failing_since = now() - $2::interval WHERE id = $1`, [endpoint.id, interval]),
      );
    };
    const afterOneFailure = async (): Promise<{ enabled: boolean; disabledReason: string | null }> => {
      const before = receiver.received.length;
      await t.http.post(`/api/webhook-endpoints/${endpoint.id}/test`).set(alice.auth).expect(202);
      await receiver.waitFor(before + 1);
      return eventually(async () => {
        const page = await t.http.get(`/api/webhook-endpoints/${endpoint.id}/deliveries`).set(alice.auth).expect(200);
        expect(page.body.items[0].attempts).toBeGreaterThanOrEqual(1);
        return (await t.http.get(`/api/webhook-endpoints/${endpoint.id}`).set(alice.auth).expect(200)).body;
      });
    };
    await failingSince('4 days 23 hours');
    expect(await afterOneFailure()).toMatchObject({ enabled: true, disabledReason: null });
    await failingSince('5 days 1 minute');
    expect(await afterOneFailure()).toMatchObject({ enabled: false, disabledReason: 'failing' });
  });

  it('ends an endpoint’s failure streak with one success: five days of failures before it no longer disable it', async () => {
    const endpoint = await register(alice);
    await withDatabase(t.database.url, (client) =>
      client.query(`UPDATE webhook_endpoints SET failing_since = now() - interval '5 days 1 minute' WHERE id = $1`, [endpoint.id]),
    );
    await t.http.post(`/api/webhook-endpoints/${endpoint.id}/test`).set(alice.auth).expect(202);
    await receiver.waitFor(1);
    await eventually(async () => {
      const { rows } = await withDatabase(t.database.url, (client) =>
        client.query(`SELECT failing_since FROM webhook_endpoints WHERE id = $1`, [endpoint.id]),
      );
      expect(rows).toEqual([{ failing_since: null }]);
    });
    receiver.otherwise = { status: 500 };
    await t.http.post(`/api/webhook-endpoints/${endpoint.id}/test`).set(alice.auth).expect(202);
    await receiver.waitFor(2);
    const failed = await eventually(async () => {
      const page = await t.http.get(`/api/webhook-endpoints/${endpoint.id}/deliveries`).set(alice.auth).expect(200);
      expect(page.body.items[0].attempts).toBe(1);
      return (await t.http.get(`/api/webhook-endpoints/${endpoint.id}`).set(alice.auth).expect(200)).body;
    });
    expect(failed).toMatchObject({ enabled: true, disabledReason: null });
  });

  it('signs with the old and the new secret during a rotation’s overlap', async () => {
    const endpoint = await register(alice);
    const rotated = await t.http.post(`/api/webhook-endpoints/${endpoint.id}/rotate-secret`).set(alice.auth).expect(200);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt as string) - Date.now()).toBeGreaterThan(23 * 3_600_000);

    await t.http.post(`/api/webhook-endpoints/${endpoint.id}/test`).set(alice.auth).expect(202);
    const [delivery] = await receiver.waitFor(1);
    expect((delivery.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    for (const secret of [endpoint.secret, rotated.body.secret as string]) {
      expect(new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>)).toMatchObject({ type: 'webhook.test' });
    }
  });

  it('keeps each organisation’s endpoints, deliveries and events to itself', async () => {
    const alices = await register(alice);
    const bobsReceiver = await WebhookReceiver.start();
    try {
      await t.http.post('/api/webhook-endpoints').set(bob.auth).send({ url: bobsReceiver.url }).expect(201);
      await t.http.get(`/api/webhook-endpoints/${alices.id}`).set(bob.auth).expect(404);
      await t.http.patch(`/api/webhook-endpoints/${alices.id}`).set(bob.auth).send({ enabled: false }).expect(404);
      await t.http.get(`/api/webhook-endpoints/${alices.id}/deliveries`).set(bob.auth).expect(404);
      await t.http.post(`/api/webhook-endpoints/${alices.id}/test`).set(bob.auth).expect(404);
      await t.http.delete(`/api/webhook-endpoints/${alices.id}`).set(bob.auth).expect(404);
      const bobsList = await t.http.get('/api/webhook-endpoints').set(bob.auth).expect(200);
      expect(bobsList.body.items.map((item: { id: string }) => item.id)).not.toContain(alices.id);

      const test = await t.http.post(`/api/webhook-endpoints/${alices.id}/test`).set(alice.auth).expect(202);
      await receiver.waitFor(1);
      const bobsEvents = await t.http.get('/api/events').set(bob.auth).expect(200);
      expect(bobsEvents.body.items.map((event: { id: string }) => event.id)).not.toContain(test.body.eventId);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bobsReceiver.received).toHaveLength(0);
    } finally {
      await bobsReceiver.close();
    }
  });

  it('validates requests with clear 400s', async () => {
    const bad = async (body: Record<string, unknown>): Promise<string> =>
      (await t.http.post('/api/webhook-endpoints').set(alice.auth).send(body).expect(400)).body.message as string;
    expect(await bad({})).toMatch(/url/);
    expect(await bad({ url: 'not a url' })).toMatch(/url/);
    expect(await bad({ url: 'ftp://example.com/x' })).toMatch(/url/);
    expect(await bad({ url: receiver.url, eventTypes: ['account.exploded'] })).toMatch(/eventTypes/);
    expect(await bad({ url: `https://example.com/${'a'.repeat(2100)}` })).toMatch(/url/);
    const endpoint = await register(alice);
    await t.http.patch(`/api/webhook-endpoints/${endpoint.id}`).set(alice.auth).send({}).expect(400);
    await t.http.get('/api/webhook-endpoints/not-a-uuid').set(alice.auth).expect(400);
    await t.http.get(`/api/webhook-endpoints/${endpoint.id}/deliveries`).query({ after: 'garbage' }).set(alice.auth).expect(400);
    await t.http.get('/api/events').query({ after: 'evt_1' }).set(alice.auth).expect(400);
    await t.http.get('/api/events').query({ types: 'nope' }).set(alice.auth).expect(400);
    // alice registered first: she is the administrator; bob is not.
    await t.http.get('/api/events').query({ orgId: alice.id }).set(bob.auth).expect(403);
  });
});

describe('webhook targets without WEBHOOK_ALLOW_INSECURE_TARGETS (the production rule)', () => {
  let t: TestApp;
  let user: SignedInUser;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_ALLOW_INSECURE_TARGETS: 'false' } });
    user = await registerAndLogin(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['http', 'http://example.com/hooks', 'invalid_webhook_url'],
    ['loopback', 'https://127.0.0.1/hooks', 'invalid_webhook_url'],
    ['10/8', 'https://10.1.2.3/hooks', 'invalid_webhook_url'],
    ['cloud metadata', 'https://169.254.169.254/latest/meta-data', 'invalid_webhook_url'],
    ['IPv6 loopback', 'https://[::1]/hooks', 'invalid_webhook_url'],
    ['IPv4-mapped', 'https://[::ffff:127.0.0.1]/hooks', 'invalid_webhook_url'],
    ['localhost', 'https://localhost/hooks', 'invalid_webhook_url'],
    ['a name for loopback', 'https://localtest.me/hooks', undefined],
  ])('refuses a %s target with 400', async (_name, url, code) => {
    const response = await t.http.post('/api/webhook-endpoints').set(user.auth).send({ url }).expect(400);
    if (code !== undefined) expect(response.body.code).toBe(code);
    else expect(['webhook_target_refused', 'webhook_target_unresolvable']).toContain(response.body.code);
    expect((await t.http.get('/api/webhook-endpoints').set(user.auth).expect(200)).body.items).toEqual([]);
  });
});
