import { connect } from 'node:net';
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

  it('answers null for a field that may be left out with 400, never a database error', async () => {
    const other = await registerAndLogin(t.http);
    for (const body of [{ isAdmin: null }, { isActive: null }, { isAdmin: true, isActive: null }]) {
      const response = await t.http.patch(`/api/admin/users/${other.id}`).set(admin.auth).send(body);
      expectErrorBody(response, 400);
    }
    expectErrorBody(await t.http.post('/api/admin/users').set(admin.auth).send({ email: anEmail(), password: PASSWORD, isAdmin: null }), 400);
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

  it('answers 5,000 levels of nested JSON with 400, with or without credentials, and stays up', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const nestedObject = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    for (const [path, auth] of [
      ['/api/auth/login', {}],
      ['/api/auth/register', {}],
      ['/api/admin/users', admin.auth],
    ] as const) {
      for (const body of [deep, nestedObject]) {
        const response = await t.http.post(path).set(auth).set('Content-Type', 'application/json').send(body);
        expectErrorBody(response, 400);
        expect(response.body.message).toBe('The request body nests objects or arrays too deeply');
      }
    }
    // Twenty levels are still parsed (and then refused by validation, as any unknown field is).
    const twenty = `{"email":"a@example.com","password":"x","extra":${'['.repeat(19)}${']'.repeat(19)}}`;
    const parsed = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(twenty);
    expect(parsed.body.message).not.toBe('The request body nests objects or arrays too deeply');
    await t.http.get('/health/ready').expect(200);
  });

  it('answers paging values out of range with 400, not a database error', async () => {
    for (const query of ['offset=1e20', 'offset=100000000000000000000', 'offset=9223372036854775808', 'offset=-1', 'limit=0', 'limit=201', 'limit=1.5']) {
      expectErrorBody(await t.http.get(`/api/admin/users?${query}`).set(admin.auth), 400);
      expectErrorBody(await t.http.get(`/api/ebay-accounts?${query}`).set(admin.auth), 400);
    }
    await t.http.get('/api/ebay-accounts?offset=1000000').set(admin.auth).expect(200);
  });

  it('answers with the JSON error body outside /api too, never an HTML page', async () => {
    for (const path of ['/nope', '/health/nope', '/docs/nope.html', '/api']) {
      const response = await t.http.get(path);
      expectErrorBody(response, 404);
      expect(response.body.message).toBe(`Cannot GET ${path}`);
    }
    // A body parser's error on a path no route serves: still the JSON body.
    const malformed = await t.http.post('/nope').set('Content-Type', 'application/json').send('{"a":');
    expectErrorBody(malformed, 400);
  });

  it('tells caches to keep nothing of the API, errors included', async () => {
    const listed = await t.http.get('/api/ebay-accounts').set(admin.auth).expect(200);
    expect(listed.headers['cache-control']).toBe('no-store');
    expect((await t.http.get('/api/auth/me')).headers['cache-control']).toBe('no-store');
  });

  it('refuses prototype keys and text that is not valid Unicode, where validation would drop or choke on them', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const response = await t.http
        .post('/api/auth/register')
        .set('Content-Type', 'application/json')
        .send(`{"email":"${anEmail()}","password":"${PASSWORD}","${key}":{"isAdmin":true}}`);
      expectErrorBody(response, 400);
      expect(response.body.message).toBe(`The request body may not have a key named ${key}`);
    }
    // JSON escapes that decode to a lone surrogate: no UTF-8 encoder would produce them.
    for (const body of ['{"email":"\\ud800","password":"x"}', '{"email":"a@example.com","password":"\\udfff-abcdefghij"}']) {
      const response = await t.http.post('/api/auth/register').set('Content-Type', 'application/json').send(body);
      expectErrorBody(response, 400);
      expect(response.body.message).toBe('The request body holds text that is not valid Unicode');
    }
    // A well-formed pair (an emoji) is text like any other.
    await t.http.post('/api/auth/register').send({ email: anEmail(), password: `${PASSWORD} 🙂` }).expect(201);
  });

  it('answers a body that is not JSON with 415, and ignores bodies sent with GET', async () => {
    const form = await t.http.post('/api/auth/login').set('Content-Type', 'application/x-www-form-urlencoded').send('email=a%40b.c&password=x');
    expectErrorBody(form, 415);
    expectErrorBody(await t.http.post('/api/auth/login').set('Content-Type', 'text/plain').send('{}'), 415);
    expectErrorBody(await t.http.post('/api/auth/login').set('Content-Type', 'application/json; charset=koi8-r').send('{}'), 415);
    await t.http.get('/api/auth/me').set(admin.auth).set('Content-Type', 'application/json').send('{"not json').expect(200);
  });

  it('answers an overlong URL with 414 and oversized headers with 431, in JSON', async () => {
    const long = await t.http.get(`/api/ebay-accounts?x=${'a'.repeat(9000)}`).set(admin.auth);
    expectErrorBody(long, 414);
    const large = await t.http.get('/api/auth/me').set(admin.auth).set('X-Padding', 'p'.repeat(20_000));
    expectErrorBody(large, 431);
    // Past what Node's parser takes at all, the answer is still the JSON body.
    const raw = await rawExchange(t.baseUrl, `GET /api/auth/me HTTP/1.1\r\nHost: x\r\nX-Padding: ${'p'.repeat(70_000)}\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: 431, error: 'Request Header Fields Too Large', requestId: expect.any(String) });
    await t.http.get('/health/live').expect(200);
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

/** Writes bytes to the server as they are and reads all it answers until it closes. */
function rawExchange(baseUrl: string, request: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

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
