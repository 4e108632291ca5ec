import { sign } from 'jsonwebtoken';
import { LOGIN_LIMITS } from '../src/auth/credential-attempt-limits';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';
import { anEmail, login, PASSWORD, registerAndLogin } from './support/users';

describe('auth (register, login, me)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('makes the first user ever an admin and nobody after', async () => {
    const first = await t.http
      .post('/api/auth/register')
      .send({ email: anEmail('first'), password: PASSWORD })
      .expect(201);
    const second = await t.http
      .post('/api/auth/register')
      .send({ email: anEmail('second'), password: PASSWORD })
      .expect(201);

    expect(first.body).toEqual({ id: expect.any(String), email: expect.any(String), isAdmin: true });
    expect(second.body.isAdmin).toBe(false);
  });

  it('stores the email lower-cased and refuses it again in any case', async () => {
    const email = anEmail('Mixed.Case').replace('mixed', 'MiXeD');
    const created = await t.http.post('/api/auth/register').send({ email, password: PASSWORD }).expect(201);
    expect(created.body.email).toBe(email.toLowerCase());

    const again = await t.http
      .post('/api/auth/register')
      .send({ email: email.toUpperCase(), password: PASSWORD })
      .expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'email_taken' });
  });

  it('rejects passwords under 10 characters and invalid emails', async () => {
    const short = await t.http
      .post('/api/auth/register')
      .send({ email: anEmail(), password: '123456789' })
      .expect(400);
    expect(short.body.message).toContain('at least 10 characters');

    const badEmail = await t.http
      .post('/api/auth/register')
      .send({ email: 'not-an-email', password: PASSWORD })
      .expect(400);
    expect(badEmail.body.message).toContain('email');
  });

  it('issues a bearer JWT that identifies the caller on /me', async () => {
    const email = anEmail();
    await t.http.post('/api/auth/register').send({ email, password: PASSWORD }).expect(201);
    const response = await t.http.post('/api/auth/login').send({ email: email.toUpperCase(), password: PASSWORD }).expect(200);

    expect(response.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 3600,
    });
    const me = await t.http
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${response.body.accessToken}`)
      .expect(200);
    expect(me.body).toEqual({ id: expect.any(String), email, isAdmin: false });
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const email = anEmail();
    await t.http.post('/api/auth/register').send({ email, password: PASSWORD }).expect(201);

    const wrongPassword = await t.http
      .post('/api/auth/login')
      .send({ email, password: 'not the password' })
      .expect(401);
    const unknownEmail = await t.http
      .post('/api/auth/login')
      .send({ email: anEmail('nobody'), password: PASSWORD })
      .expect(401);

    expect(wrongPassword.body.message).toBe('Invalid email or password');
    expect(unknownEmail.body.message).toBe(wrongPassword.body.message);
  });

  it('refuses /me without a JWT, with a forged one and with an expired one', async () => {
    const user = await registerAndLogin(t.http);
    const now = Math.floor(Date.now() / 1000);
    const valid = { sub: user.id, iat: now, exp: now + 600 };
    const as = (jwt: string) => t.http.get('/api/auth/me').set('Authorization', `Bearer ${jwt}`);
    // The control: a JWT made like the service's own is accepted, so each refusal below is for its own reason.
    await as(sign(valid, TEST_JWT_SECRET, { algorithm: 'HS256', issuer: 'ebay-connect' })).expect(200);

    await t.http.get('/api/auth/me').expect(401);
    await as('not.a.jwt').expect(401);
    await as(sign(valid, 'some-other-secret-that-is-32-chars-long', { algorithm: 'HS256', issuer: 'ebay-connect' })).expect(401);
    await as(sign({ ...valid, exp: now - 10 }, TEST_JWT_SECRET, { algorithm: 'HS256', issuer: 'ebay-connect' })).expect(401);
    await as(sign({ sub: user.id }, '', { algorithm: 'none' })).expect(401);
    await as(sign(valid, TEST_JWT_SECRET, { algorithm: 'HS256', issuer: 'someone-else' })).expect(401);
    await as(sign(valid, TEST_JWT_SECRET, { algorithm: 'HS512', issuer: 'ebay-connect' })).expect(401);
  });

  it('answers 401, never 500, to signed JWTs that name nobody or never expire, and to junk around one', async () => {
    const user = await registerAndLogin(t.http);
    const now = Math.floor(Date.now() / 1000);
    const signed = (claims: object) => sign(claims, TEST_JWT_SECRET, { algorithm: 'HS256', issuer: 'ebay-connect' });
    const me = (header: string) => t.http.get('/api/auth/me').set('Authorization', header);

    await me(`Bearer ${signed({ sub: 'not-a-uuid', iat: now, exp: now + 600 })}`).expect(401);
    await me(`Bearer ${signed({ sub: 42, iat: now, exp: now + 600 })}`).expect(401);
    await me(`Bearer ${signed({ sub: user.id, iat: now })}`).expect(401);
    await me(`Bearer ${signed({ sub: '6f1c2f0e-2b7d-4f0e-9a51-0d4f1f6b1c2a', iat: now, exp: now + 600 })}`).expect(401);
    await me(`Bearer ${user.jwt} junk`).expect(401);
    await me(`junk Bearer ${user.jwt}`).expect(401);
    await me(`Bearer  ${user.jwt}`).expect(401);
    await me(`bearer ${user.jwt}`).expect(200);
  });

  it('throttles repeated logins for one email with 429 and Retry-After', async () => {
    const email = anEmail('throttled');
    await t.http.post('/api/auth/register').send({ email, password: PASSWORD }).expect(201);
    for (let attempt = 0; attempt < 10; attempt++) {
      await t.http.post('/api/auth/login').send({ email, password: 'wrong password' }).expect(401);
    }

    const blocked = await t.http.post('/api/auth/login').send({ email, password: PASSWORD }).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });

    // Other accounts are not punished for it.
    const other = await registerAndLogin(t.http);
    await login(t.http, other.email);
  });

  it('never logs a password or a JWT', async () => {
    const email = anEmail('logged');
    await t.http.post('/api/auth/register').send({ email, password: PASSWORD }).expect(201);
    const signedIn = await login(t.http, email);

    expect(t.logs.text.length).toBeGreaterThan(0);
    expect(t.logs.text).not.toContain(PASSWORD);
    expect(t.logs.text).not.toContain(signedIn.jwt);
  });
});

describe('login throttling per client address (behind one trusted proxy)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('stops one address spraying passwords over many emails, and only that address', async () => {
    const sprayer = '203.0.113.7';
    for (let attempt = 0; attempt < LOGIN_LIMITS.perIp.limit; attempt++) {
      await t.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', sprayer)
        .send({ email: anEmail('spray'), password: 'guess' })
        .expect(401);
    }

    const blocked = await t.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', sprayer)
      .send({ email: anEmail('spray'), password: 'guess' })
      .expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await t.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.20')
      .send({ email: anEmail('other'), password: 'guess' })
      .expect(401);
  });
});
