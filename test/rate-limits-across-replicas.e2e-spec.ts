import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOGIN_LIMITS } from '../src/auth/credential-attempt-limits';
import { mapWithConcurrency } from '../src/common/concurrency/map-with-concurrency';
import { storedKey } from '../src/rate-limits/postgres-throttler-storage';
import { freePort, type ServiceProcess, spawnService } from './support/service-process';
import { startTestApp, TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET, type TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { anEmail, PASSWORD } from './support/users';

/** Far more than any attack's rows need: the bound is on memory that stays, not on speed. */
const RSS_GROWTH_BOUND_BYTES = 200 * 1024 * 1024;
const ATTACK_ATTEMPTS = 2_000;
const ATTACK_ADDRESSES = Array.from({ length: 10 }, (_, n) => `198.51.100.${100 + n}`);
/** Just under the 100 kB body limit, so every attempt reaches the guard. */
const HUGE_LOCAL_PART_LENGTH = 99_000;
const HASHED_KEY = /^[a-z-]+:[0-9a-f]{64}$/;

/** Resident memory of a process, from /proc (Linux). */
function residentBytes(pid: number): number {
  const kilobytes = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kilobytes === undefined) throw new Error(`No VmRSS for process ${pid}`);
  return Number(kilobytes) * 1024;
}

/** Polls readiness: at LOG_LEVEL=warn the process prints no "ready" line. */
async function waitUntilReady(service: ServiceProcess, baseUrl: string): Promise<void> {
  let exited = false;
  void service.exited().then(() => {
    exited = true;
  });
  for (let attempt = 0; attempt < 300; attempt++) {
    if (exited) throw new Error(`The service exited before it was ready:\n${service.output()}`);
    const status = await fetch(`${baseUrl}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The service was not ready in time:\n${service.output()}`);
}

describe('login limits across replicas (an in-process app and a spawned service on one database)', () => {
  let t: TestApp;
  let service: ServiceProcess;
  let spawnedUrl: string;

  /** POSTs a login to one replica from `address` (both trust one proxy); answers the status. */
  async function login(baseUrl: string, address: string, body: Record<string, unknown>): Promise<number> {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return response.status;
  }
  const statusCounts = (statuses: number[]): Record<number, number> =>
    statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});
  const rateLimitKeys = async (): Promise<string[]> =>
    (await withDatabase(t.database.url, (client) => client.query('SELECT key FROM rate_limits'))).rows.map(
      (row: { key: string }) => row.key,
    );

  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
    const port = await freePort();
    service = spawnService(
      {
        NODE_ENV: 'test',
        DATABASE_URL: t.database.url,
        PORT: String(port),
        JWT_SECRET: TEST_JWT_SECRET,
        TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        LOG_LEVEL: 'warn',
        TRUST_PROXY_HOPS: '1',
      },
      mkdtempSync(join(tmpdir(), 'ebay-connect-replica-')),
    );
    spawnedUrl = `http://127.0.0.1:${port}`;
    await waitUntilReady(service, spawnedUrl);
  }, 60_000);
  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited();
    await t?.close();
  });

  it('reaches the per-email limit together when one email is tried on both replicas', async () => {
    const email = anEmail('shared');
    await t.http.post('/api/auth/register').send({ email, password: PASSWORD }).expect(201);
    const replicas = [t.baseUrl, spawnedUrl];
    const spellings = [email, `  ${email.toUpperCase()} `];

    const attempts: number[] = [];
    for (let attempt = 0; attempt < LOGIN_LIMITS.perEmail.limit; attempt++) {
      attempts.push(
        await login(replicas[attempt % 2], `192.0.2.${attempt + 1}`, { email: spellings[attempt % 2], password: 'wrong password' }),
      );
    }
    expect(attempts).toEqual(Array(LOGIN_LIMITS.perEmail.limit).fill(401));

    // Each replica alone has seen only half the limit; together they refuse, even the right password.
    expect(await login(spawnedUrl, '192.0.2.100', { email, password: PASSWORD })).toBe(429);
    expect(await login(t.baseUrl, '192.0.2.101', { email, password: PASSWORD })).toBe(429);
    expect(await login(t.baseUrl, '192.0.2.102', { email: anEmail('unrelated'), password: PASSWORD })).toBe(401);
  });

  it('keeps only hashed keys and bounded memory under thousands of huge distinct emails', async () => {
    const hugeEmail = (n: number): string => `${n}-${'a'.repeat(HUGE_LOCAL_PART_LENGTH)}@example.com`;
    // Warm the process up (JIT, pools, buffers) before measuring what stays.
    await mapWithConcurrency(Array.from({ length: 200 }, (_, n) => n), 8, (n) =>
      login(spawnedUrl, '198.51.100.1', { email: hugeEmail(n), password: 'guess' }),
    );
    const keysBefore = new Set(await rateLimitKeys());
    const rssBefore = residentBytes(service.child.pid!);

    // Address by address, so each one's attempts fit well inside its one-minute block.
    const statuses: number[] = [];
    for (const address of ATTACK_ADDRESSES) {
      const perAddress = ATTACK_ATTEMPTS / ATTACK_ADDRESSES.length;
      statuses.push(
        ...(await mapWithConcurrency(Array.from({ length: perAddress }, (_, n) => statuses.length + n), 8, (n) =>
          login(spawnedUrl, address, { email: hugeEmail(1_000 + n), password: 'guess' }),
        )),
      );
    }

    const rssGrowth = residentBytes(service.child.pid!) - rssBefore;
    // Each address's first attempts reach the ValidationPipe (email too long); then it is blocked.
    const reachedValidation = LOGIN_LIMITS.perIp.limit * ATTACK_ADDRESSES.length;
    expect(statusCounts(statuses)).toEqual({ 400: reachedValidation, 429: ATTACK_ATTEMPTS - reachedValidation });
    const keys = await rateLimitKeys();
    expect(keys.filter((key) => !keysBefore.has(key)).sort()).toEqual(
      ATTACK_ADDRESSES.map((address) => storedKey(LOGIN_LIMITS.perIp.name, address)).sort(),
    );
    expect(keys.filter((key) => !HASHED_KEY.test(key))).toEqual([]);
    expect(rssGrowth).toBeLessThan(RSS_GROWTH_BOUND_BYTES);
  }, 180_000);

  it('adds no row for any email once the address is blocked', async () => {
    const address = '198.51.100.77';
    const keysBefore = new Set(await rateLimitKeys());
    const newKeys = async (): Promise<string[]> => (await rateLimitKeys()).filter((key) => !keysBefore.has(key)).sort();
    const sprayed = Array.from({ length: LOGIN_LIMITS.perIp.limit }, () => anEmail('spray'));
    const allowed = await mapWithConcurrency(sprayed, 4, (email) => login(spawnedUrl, address, { email, password: 'guess' }));
    expect(statusCounts(allowed)).toEqual({ 401: LOGIN_LIMITS.perIp.limit });
    const keysWhenBlocked = [
      storedKey(LOGIN_LIMITS.perIp.name, address),
      ...sprayed.map((email) => storedKey(LOGIN_LIMITS.perEmail.name, email)),
    ].sort();
    expect(await newKeys()).toEqual(keysWhenBlocked);

    const refused = await mapWithConcurrency(Array.from({ length: 100 }, () => anEmail('spray')), 4, (email) =>
      login(spawnedUrl, address, { email, password: 'guess' }),
    );

    expect(statusCounts(refused)).toEqual({ 429: 100 });
    expect(await newKeys()).toEqual(keysWhenBlocked);
  }, 60_000);
});
