import { FORCED_REFRESH_LIMIT } from '../src/accounts/accounts.service';
import { REGISTER_LIMITS } from '../src/auth/credential-attempt-limits';
import type { RunningEmulator } from '../src/emulator';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { anEmail, PASSWORD, registerAndLogin } from './support/users';

describe('rate limits of register and forced refresh', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;

  const register = (address: string, body: Record<string, unknown>) =>
    t.http.post('/api/auth/register').set('X-Forwarded-For', address).send(body);
  const userCount = async (email: string): Promise<number> =>
    (await withDatabase(t.database.url, (client) => client.query('SELECT id FROM users WHERE email = $1', [email])))
      .rowCount ?? 0;

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    t = await startConnectedApp(emulator, { env: { TRUST_PROXY_HOPS: '1' } });
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it('refuses a registration flood from one address before validating or hashing, and only that address', async () => {
    const flooder = '203.0.113.50';
    for (let attempt = 0; attempt < REGISTER_LIMITS.perIp.limit; attempt++) {
      await register(flooder, { email: anEmail('flood'), password: PASSWORD }).expect(201);
    }

    const refusedEmail = anEmail('flood');
    const refused = await register(flooder, { email: refusedEmail, password: PASSWORD }).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(await userCount(refusedEmail)).toBe(0);
    // Refused before the body is even looked at: a body the DTO would refuse gets the 429 too.
    await register(flooder, { email: 'not-an-email', password: 'short' }).expect(429);

    const otherEmail = anEmail('neighbour');
    await register('198.51.100.60', { email: otherEmail, password: PASSWORD }).expect(201);
    expect(await userCount(otherEmail)).toBe(1);
  });

  it('refuses registering one email over and over, from any address', async () => {
    const email = anEmail('again');
    await register('192.0.2.1', { email, password: PASSWORD }).expect(201);
    for (let attempt = 1; attempt < REGISTER_LIMITS.perEmail.limit; attempt++) {
      await register(`192.0.2.${attempt + 1}`, { email: `  ${email.toUpperCase()}`, password: PASSWORD }).expect(409);
    }

    const refused = await register('192.0.2.99', { email, password: PASSWORD }).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await register('192.0.2.99', { email: anEmail('someone-else'), password: PASSWORD }).expect(201);
  });

  it('limits forced refreshes per account, counting only calls that may see the account', async () => {
    const alice = await registerAndLogin(t.http, anEmail('alice'));
    const mallory = await registerAndLogin(t.http, anEmail('mallory'));
    const busy = await connectAccount(t, alice, { ebayUser: 'seller_one' });
    const calm = await connectAccount(t, alice, { ebayUser: 'seller_two' });
    const refresh = (accountId: string, auth: { Authorization: string }) =>
      t.http.post(`/api/ebay-accounts/${accountId}/refresh-token`).set(auth);
    const refreshGrants = async (): Promise<number> => (await control.stats()).tokenGrants.refresh_token;

    // Another organisation's calls are answered as for a missing account and spend nothing.
    for (let attempt = 0; attempt < FORCED_REFRESH_LIMIT.limit * 2; attempt++) {
      await refresh(busy.id, mallory.auth).expect(404);
    }
    const before = await refreshGrants();
    for (let attempt = 0; attempt < FORCED_REFRESH_LIMIT.limit; attempt++) {
      await refresh(busy.id, alice.auth).expect(200);
    }
    expect(await refreshGrants()).toBe(before + FORCED_REFRESH_LIMIT.limit);

    const limited = await refresh(busy.id, alice.auth).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'refresh_rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await refreshGrants()).toBe(before + FORCED_REFRESH_LIMIT.limit);

    // The organisation's other account has a budget of its own.
    await refresh(calm.id, alice.auth).expect(200);
    expect(await refreshGrants()).toBe(before + FORCED_REFRESH_LIMIT.limit + 1);
  });
});
