import type { Response } from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';
import { anEmail, PASSWORD, registerAndLogin, type SignedInUser } from './support/users';

/** Every error body has exactly this shape and never a stack trace. */
function expectErrorBody(response: Response, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).toEqual({
    statusCode: status,
    error: expect.any(String),
    message: expect.any(String),
    requestId: response.headers['x-request-id'],
    ...(response.body.code === undefined ? {} : { code: expect.any(String) }),
  });
  expect(response.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

describe('error responses', () => {
  let t: TestApp;
  let admin: SignedInUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerAndLogin(t.http, anEmail('admin'));
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers malformed JSON with 400', async () => {
    const response = await t.http
      .post('/api/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@example.com", "password": ');
    expectErrorBody(response, 400);
    expect(response.body.message).toBe('The request body is not valid JSON');
  });

  it('answers unknown fields with 400 naming them', async () => {
    const response = await t.http
      .post('/api/auth/register')
      .send({ email: anEmail(), password: PASSWORD, isAdmin: true });
    expectErrorBody(response, 400);
    expect(response.body.message).toContain('property isAdmin should not exist');
  });

  it('answers wrong types with 400', async () => {
    expectErrorBody(await t.http.post('/api/auth/register').send({ email: 42, password: PASSWORD }), 400);
    expectErrorBody(await t.http.post('/api/auth/login').send({ email: anEmail(), password: ['x'] }), 400);
    expectErrorBody(await t.http.post('/api/auth/login').send([1, 2, 3]), 400);
  });

  it('answers a body over 100 kB with 413', async () => {
    const response = await t.http
      .post('/api/auth/register')
      .send({ email: anEmail(), password: 'x'.repeat(110 * 1024) });
    expectErrorBody(response, 413);
  });

  it('answers a malformed UUID in a path with 400', async () => {
    expectErrorBody(
      await t.http.patch('/api/admin/users/123').set(admin.auth).send({ isActive: true }),
      400,
    );
  });

  it('answers unknown routes with 404 and missing credentials with 401', async () => {
    expectErrorBody(await t.http.get('/api/nothing-here').set(admin.auth), 404);
    expectErrorBody(await t.http.get('/api/auth/me'), 401);
  });

  it('keeps the caller’s X-Request-Id and makes one up otherwise', async () => {
    const traced = await t.http.get('/api/auth/me').set('X-Request-Id', 'trace-0123456789');
    expect(traced.headers['x-request-id']).toBe('trace-0123456789');
    expect(traced.body.requestId).toBe('trace-0123456789');

    const untraced = await t.http.get('/api/auth/me').set('X-Request-Id', 'bad id with spaces');
    expect(untraced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const logged = t.logs.lines.find((line) => line.requestId === 'trace-0123456789');
    expect(logged).toBeDefined();
  });

  it('sends security headers', async () => {
    const response = await t.http.get('/health/live').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers).not.toHaveProperty('x-powered-by');
  });
});

describe('CORS', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: 'https://app.example.com' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('allows the configured origins only', async () => {
    const allowed = await t.http
      .options('/api/auth/login')
      .set('Origin', 'https://app.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');

    const refused = await t.http
      .options('/api/auth/login')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});
