import type { RunningEmulator } from '../src/emulator';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import type { TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase, withDatabase } from './support/test-database';
import { anEmail, PASSWORD, registerAndLogin, type SignedInUser } from './support/users';

/**
 * The database misbehaving: frozen (it accepts connections and answers nothing), gone, or
 * refusing a write. The service answers 503 with Retry-After in bounded time, and what it
 * logs about a failed write holds no parameters: no password hash, no token ciphertext.
 */
describe('when the database fails', () => {
  let emulator: RunningEmulator;
  let database: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;
  let user: SignedInUser;

  beforeAll(async () => {
    ({ emulator } = await startTestEbay());
    database = await createTestDatabase({ migrated: true });
    proxy = await startTcpProxy(Number(new URL(database.url).port));
    const proxied = new URL(database.url);
    proxied.port = String(proxy.port);
    t = await startConnectedApp(emulator, {
      database,
      env: { DATABASE_URL: proxied.toString(), DATABASE_STATEMENT_TIMEOUT_MS: '1000', DATABASE_POOL_SIZE: '4' },
    });
    user = await registerAndLogin(t.http);
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
    await emulator.close();
  });

  it('answers 503 with Retry-After while the database is frozen, and recovers when it thaws', async () => {
    proxy.freeze();
    try {
      const [listed, ready, me] = await Promise.all([
        t.http.get('/api/ebay-accounts').set(user.auth),
        t.http.get('/health/ready'),
        t.http.get('/api/auth/me').set(user.auth),
      ]);
      // Still frozen: these answers did not wait for the database to come back.
      for (const response of [listed, me]) {
        expect(response.status).toBe(503);
        expect(response.body).toMatchObject({ statusCode: 503, code: 'database_unavailable' });
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
      expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);
      // Liveness never asks the database.
      await t.http.get('/health/live').expect(200);
    } finally {
      proxy.thaw();
    }
    await eventually(async () => (await t.http.get('/health/ready')).status === 200);
    await t.http.get('/api/ebay-accounts').set(user.auth).expect(200);
  });

  it('logs a failed write without its parameters or the failing row: no password hash, no email', async () => {
    await withDatabase(database.url, (client) =>
      client.query('ALTER TABLE users ADD CONSTRAINT ck_test_refuse_all CHECK (false) NOT VALID'),
    );
    const email = anEmail('refused');
    try {
      const response = await t.http.post('/api/auth/register').send({ email, password: PASSWORD }).expect(500);
      expect(response.body).toMatchObject({ statusCode: 500, message: 'Internal server error' });
    } finally {
      await withDatabase(database.url, (client) => client.query('ALTER TABLE users DROP CONSTRAINT ck_test_refuse_all'));
    }
    const logged = t.logs.lines.filter((line) => line.context === 'Exceptions').map((line) => JSON.stringify(line));
    expect(logged.join('\n')).toContain('ck_test_refuse_all');
    expect(t.logs.text).not.toContain('$argon2id');
    expect(t.logs.text).not.toContain(email);
    expect(t.logs.text).not.toContain(PASSWORD);
  });

  it('logs a failed token write without the token ciphertexts', async () => {
    await withDatabase(database.url, (client) =>
      client.query('ALTER TABLE ebay_tokens ADD CONSTRAINT ck_test_refuse_tokens CHECK (false) NOT VALID'),
    );
    try {
      const connect = await t.http.get('/api/ebay/connect').set(user.auth).expect(200);
      const consent = new URL(connect.body.authorizationUrl as string);
      consent.searchParams.set('emulator_user', 'seller_two');
      consent.searchParams.set('emulator_action', 'approve');
      const redirect = await fetch(consent, { redirect: 'manual' });
      const callback = new URL(redirect.headers.get('location')!);
      await t.http.get(`${callback.pathname}${callback.search}`).expect(500);
    } finally {
      await withDatabase(database.url, (client) => client.query('ALTER TABLE ebay_tokens DROP CONSTRAINT ck_test_refuse_tokens'));
    }
    expect(t.logs.text).toContain('ck_test_refuse_tokens');
    expect(t.logs.text).not.toMatch(/v1\.test1\.[A-Za-z0-9_-]{8,}/);
    expect(t.logs.text).not.toMatch(/v\^1\.1#/);
    // Nothing half-stored: the account was not created either.
    expect((await t.http.get('/api/ebay-accounts').set(user.auth).expect(200)).body.total).toBe(0);
    expect(await connectAccount(t, user, { ebayUser: 'seller_two' })).toMatchObject({ status: 'active' });
  });

  // Last: the database does not come back for this file.
  it('answers 503 when the database is gone, while liveness stays 200', async () => {
    await proxy.close();

    const listed = await t.http.get('/api/ebay-accounts').set(user.auth);
    expect(listed.status).toBe(503);
    expect(listed.body.code).toBe('database_unavailable');
    expect((await t.http.get('/health/ready')).status).toBe(503);
    await t.http.get('/health/live').expect(200);
  });
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('The condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
