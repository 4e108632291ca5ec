import type { RunningEmulator } from '../src/emulator';
import { startConnectedApp, startTestEbay } from './support/connected-app';
import { type ReplicaProcess, startReplicaProcess } from './support/replica-process';
import { eventually } from './support/eventually';
import { SseClient } from './support/sse-client';
import { createTestDatabase, withDatabase } from './support/test-database';
import type { TestApp } from './support/test-app';
import { registerAndLogin, type SignedInUser } from './support/users';
import { WebhookReceiver } from './support/webhook-receiver';

const INSECURE = { WEBHOOK_ALLOW_INSECURE_TARGETS: 'true' };

/** Replicas as production runs them: processes of the built service on one PostgreSQL. */
describe('webhook deliveries and the live stream across replicas', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let replica: ReplicaProcess;
  let receiver: WebhookReceiver;
  let user: SignedInUser;

  beforeAll(async () => {
    ({ emulator } = await startTestEbay());
    t = await startConnectedApp(emulator, { env: INSECURE });
    replica = await startReplicaProcess(t.database, emulator, INSECURE);
    user = await registerAndLogin(t.http);
  });
  afterAll(async () => {
    await replica?.stop();
    await t?.close();
    await emulator?.close();
  });
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('delivers 20 events written on two replicas exactly once each, both dispatching', async () => {
    const endpoint = (await t.http.post('/api/webhook-endpoints').set(user.auth).send({ url: receiver.url }).expect(201)).body.id;
    // A receiver that takes a moment keeps several attempts in flight on each replica.
    receiver.otherwise = { status: 200, delayMs: 50 };
    const sent: string[] = [];
    for (let i = 0; i < 20; i++) {
      const via = i % 2 === 0 ? t.http : replica.http;
      sent.push((await via.post(`/api/webhook-endpoints/${endpoint}/test`).set(user.auth).expect(202)).body.eventId as string);
    }
    await receiver.waitFor(20);
    // Time for a duplicate to show, were there one.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const ids = receiver.received.map((delivery) => delivery.headers['webhook-id'] as string);
    expect(ids).toHaveLength(20);
    expect([...ids].sort()).toEqual([...sent].sort());
    await eventually(async () => {
      const { rows } = await withDatabase(t.database.url, (client) =>
        client.query(`SELECT status, attempts, count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 GROUP BY 1, 2`, [endpoint]),
      );
      expect(rows).toEqual([{ status: 'succeeded', attempts: 1, n: 20 }]);
    });
  });

  it('brings an event from another replica to a stream here within moments (LISTEN/NOTIFY, no polling wait)', async () => {
    const endpoint = (await t.http.post('/api/webhook-endpoints').set(user.auth).send({ url: receiver.url }).expect(201)).body.id;
    const stream = await SseClient.open(`${t.baseUrl}/api/events/stream`, user.auth);
    try {
      const eventId = (await replica.http.post(`/api/webhook-endpoints/${endpoint}/test`).set(user.auth).expect(202)).body.eventId;
      // Well inside the 5 s a stream here would wait without a notification.
      const [message] = await stream.waitFor(1, 2_500);
      expect(message.id).toBe(eventId);
    } finally {
      await stream.close();
    }
  });
});

describe('a delivery in flight when its process is SIGKILLed', () => {
  let emulator: RunningEmulator;
  const replicas: ReplicaProcess[] = [];

  beforeAll(async () => {
    ({ emulator } = await startTestEbay());
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await emulator?.close();
  });

  it('is made again by the next process, with the same webhook-id, once the lease runs out', async () => {
    const database = await createTestDatabase({ migrated: true });
    const receiver = await WebhookReceiver.start();
    try {
      const env = { ...INSECURE, WEBHOOK_TIMEOUT_MS: '3000' };
      const first = await startReplicaProcess(database, emulator, env);
      replicas.push(first);
      const user = await registerAndLogin(first.http);
      const endpoint = (await first.http.post('/api/webhook-endpoints').set(user.auth).send({ url: receiver.url }).expect(201)).body.id;
      // The first attempt never gets its answer: the process dies while it waits.
      receiver.answer({ status: 200, delayMs: 60_000 });
      const eventId = (await first.http.post(`/api/webhook-endpoints/${endpoint}/test`).set(user.auth).expect(202)).body.eventId;
      await receiver.waitFor(1);
      first.service.child.kill('SIGKILL');
      await first.service.exited();

      const next = await startReplicaProcess(database, emulator, env);
      replicas.push(next);
      const [, again] = await receiver.waitFor(2, 30_000);
      expect(again.headers['webhook-id']).toBe(eventId);
      await eventually(async () => {
        const { rows } = await withDatabase(database.url, (client) =>
          client.query(`SELECT status FROM webhook_deliveries WHERE endpoint_id = $1`, [endpoint]),
        );
        expect(rows).toEqual([{ status: 'succeeded' }]);
      });
    } finally {
      await receiver.close();
      await Promise.all(replicas.splice(0).map((replica) => replica.stop()));
      await database.drop();
    }
  });
});
