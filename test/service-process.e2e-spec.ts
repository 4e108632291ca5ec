import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnService } from './support/service-process';
import { createTestDatabase, TEST_SERVER_URL, withDatabase } from './support/test-database';
import { anEmail, PASSWORD } from './support/users';

function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'ebay-connect-process-'));
}

describe('the service process (node dist/src/main.js)', () => {
  it('refuses a bad setting with one line naming the variable, and exit code 1', async () => {
    const service = spawnService({ PORT: 'eighty' }, scratchDir());

    expect(await service.exited()).toBe(1);
    expect(service.output()).toBe(
      'Invalid configuration: PORT must be a whole number from 0 to 65535\n',
    );
  });

  it('refuses to start in production without a database, naming DATABASE_URL', async () => {
    const service = spawnService({ NODE_ENV: 'production' }, scratchDir());

    expect(await service.exited()).toBe(1);
    expect(service.output().trim().split('\n')).toHaveLength(1);
    expect(service.output()).toContain('DATABASE_URL is required when NODE_ENV=production');
  });

  it('on SIGTERM finishes the request in flight, closes its pool and exits 0', async () => {
    const database = await createTestDatabase({ migrated: true });
    const port = await freePort();
    const service = spawnService({ DATABASE_URL: database.url, PORT: String(port) }, scratchDir());
    try {
      await service.waitFor(/ebay-connect is ready/);
      // Half a request: the server has it in hand, waiting for the rest of its body.
      const body = JSON.stringify({ email: anEmail(), password: PASSWORD });
      const request = await openRawRequest(port, 'POST', '/api/auth/register', body);
      request.send(body.slice(0, 10));
      await new Promise((resolve) => setTimeout(resolve, 200));

      service.child.kill('SIGTERM');
      await service.waitFor(/SIGTERM received/);
      request.send(body.slice(10));

      expect(await request.statusCode).toBe(201);
      expect(await service.exited()).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
      const connections = await withDatabase(TEST_SERVER_URL, (client) =>
        client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [database.name]),
      );
      expect(connections.rows[0].n).toBe(0);
    } finally {
      service.child.kill('SIGKILL');
      await database.drop();
    }
  });
});

/** An HTTP/1.1 request written by hand, so a test can hold it half-sent. */
async function openRawRequest(port: number, method: string, path: string, body: string) {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(
    `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
  );
  let received = '';
  const statusCode = new Promise<number>((resolve, reject) => {
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.once('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0)));
    socket.once('error', reject);
  });
  return { send: (part: string) => socket.write(part), statusCode };
}

describe('the embedded default (no DATABASE_URL, nothing configured)', () => {
  it('starts on PGlite in ./data, serves registration, and keeps users and connected accounts across restarts', async () => {
    const cwd = scratchDir();
    const port = await freePort();
    const email = anEmail('newcomer');

    let account: Record<string, unknown> = {};
    const first = spawnService({ PORT: String(port) }, cwd);
    try {
      await first.waitFor(/ebay-connect is ready/, 60_000);
      expect(first.output()).toContain('Embedded PostgreSQL (PGlite)');
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
      // Outside production it listens on loopback only: this machine's other address is refused.
      const outside = Object.values(networkInterfaces())
        .flat()
        .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal);
      if (outside !== undefined) await expect(fetch(`http://${outside.address}:${port}/health/live`)).rejects.toThrow();
      const registered = await fetch(`http://127.0.0.1:${port}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      expect(registered.status).toBe(201);
      expect(await registered.json()).toMatchObject({ email, isAdmin: true });
      // One plain banner says where everything is.
      expect(first.output()).toContain('ebay-connect is running (development)');
      expect(first.output()).toMatch(new RegExp(`API +http://localhost:${port}/api`));
      expect(first.output()).toMatch(/eBay emulator +http:\/\/127\.0\.0\.1:\d+/);
      expect(first.output()).toMatch(new RegExp(`Data +${join(cwd, 'data')}`));
      account = await connectThroughBuiltInEmulator(port, email);
      expect(account).toMatchObject({ username: 'seller_one', status: 'active' });
    } finally {
      first.child.kill('SIGTERM');
      expect(await first.exited()).toBe(0);
    }

    const second = spawnService({ PORT: String(port) }, cwd);
    try {
      await second.waitFor(/ebay-connect is ready/, 60_000);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      expect(login.status).toBe(200);
      // The built-in eBay kept its grants in ./data too: the account is still connected.
      const auth = { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
      const accountId = String(account.id);
      const refreshed = await fetch(`http://127.0.0.1:${port}/api/ebay-accounts/${accountId}/refresh-token`, {
        method: 'POST',
        headers: auth,
      });
      expect(refreshed.status).toBe(200);
      const shown = await fetch(`http://127.0.0.1:${port}/api/ebay-accounts/${accountId}`, { headers: auth });
      expect(await shown.json()).toMatchObject({ status: 'active', token: { refreshError: null } });
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited()).toBe(0);
    }
  }, 120_000);
});

/** README's walkthrough with nothing configured: the consent is given at the built-in emulator. */
async function connectThroughBuiltInEmulator(port: number, email: string): Promise<Record<string, unknown>> {
  const api = `http://127.0.0.1:${port}/api`;
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { Authorization: `Bearer ${accessToken}` };
  const started = await fetch(`${api}/ebay/connect`, { headers: auth });
  const consentUrl = new URL(((await started.json()) as { authorizationUrl: string }).authorizationUrl);
  consentUrl.searchParams.set('emulator_user', 'seller_one');
  consentUrl.searchParams.set('emulator_action', 'approve');
  const agreed = await fetch(consentUrl, { redirect: 'manual' });
  const callback = await fetch(agreed.headers.get('location')!);
  expect(callback.status).toBe(200);
  const list = await fetch(`${api}/ebay-accounts`, { headers: auth });
  const { items } = (await list.json()) as { items: Record<string, unknown>[] };
  expect(items).toHaveLength(1);
  return items[0];
}
