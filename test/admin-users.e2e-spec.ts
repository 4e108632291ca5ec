import { randomUUID } from 'node:crypto';
import { runCli } from './support/cli-process';
import { startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { anEmail, login, PASSWORD, registerAndLogin, type SignedInUser } from './support/users';

describe('admin user management', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let member: SignedInUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerAndLogin(t.http, anEmail('admin'));
    member = await registerAndLogin(t.http, anEmail('member'));
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps every admin route from non-admins, whoever they target', async () => {
    expect(admin.isAdmin).toBe(true);
    expect(member.isAdmin).toBe(false);

    await t.http.get('/api/admin/users').set(member.auth).expect(403);
    await t.http.post('/api/admin/users').set(member.auth).send({ email: anEmail(), password: PASSWORD }).expect(403);
    await t.http.patch(`/api/admin/users/${member.id}`).set(member.auth).send({ isAdmin: true }).expect(403);
    await t.http.patch(`/api/admin/users/${admin.id}`).set(member.auth).send({ isActive: false }).expect(403);
    await t.http.get('/api/admin/users').expect(401);

    const me = await t.http.get('/api/auth/me').set(member.auth).expect(200);
    expect(me.body.isAdmin).toBe(false);
  });

  it('lists users page by page, oldest first, with the total', async () => {
    const firstPage = await t.http.get('/api/admin/users?limit=1&offset=0').set(admin.auth).expect(200);
    const secondPage = await t.http.get('/api/admin/users?limit=1&offset=1').set(admin.auth).expect(200);

    expect(firstPage.body).toMatchObject({ limit: 1, offset: 0, total: expect.any(Number) });
    expect(firstPage.body.total).toBeGreaterThanOrEqual(2);
    expect(firstPage.body.items).toHaveLength(1);
    expect(firstPage.body.items[0]).toMatchObject({ id: admin.id, email: admin.email, isAdmin: true, isActive: true });
    expect(firstPage.body.items[0]).not.toHaveProperty('passwordHash');
    expect(secondPage.body.items[0].id).toBe(member.id);

    await t.http.get('/api/admin/users?limit=0').set(admin.auth).expect(400);
    await t.http.get('/api/admin/users?limit=201').set(admin.auth).expect(400);
    await t.http.get('/api/admin/users?offset=-1').set(admin.auth).expect(400);
  });

  it('creates users, admins among them, and refuses a taken email', async () => {
    const email = anEmail('created');
    const created = await t.http
      .post('/api/admin/users')
      .set(admin.auth)
      .send({ email, password: PASSWORD, isAdmin: true })
      .expect(201);
    expect(created.body).toMatchObject({ email, isAdmin: true, isActive: true });

    const signedIn = await login(t.http, email);
    await t.http.get('/api/admin/users').set(signedIn.auth).expect(200);

    await t.http.post('/api/admin/users').set(admin.auth).send({ email, password: PASSWORD }).expect(409);
  });

  it('signs a deactivated user out everywhere and lets them back in when reactivated', async () => {
    const user = await registerAndLogin(t.http);
    await t.http.get('/api/auth/me').set(user.auth).expect(200);

    await t.http.patch(`/api/admin/users/${user.id}`).set(admin.auth).send({ isActive: false }).expect(200);
    await t.http.get('/api/auth/me').set(user.auth).expect(401);
    await t.http.post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(401);

    await t.http.patch(`/api/admin/users/${user.id}`).set(admin.auth).send({ isActive: true }).expect(200);
    await t.http.get('/api/auth/me').set(user.auth).expect(200);
  });

  it('takes admin rights away at once, even from a JWT issued before', async () => {
    const other = await t.http
      .post('/api/admin/users')
      .set(admin.auth)
      .send({ email: anEmail('demoted'), password: PASSWORD, isAdmin: true })
      .expect(201);
    const otherAdmin = await login(t.http, other.body.email);
    await t.http.get('/api/admin/users').set(otherAdmin.auth).expect(200);

    await t.http.patch(`/api/admin/users/${otherAdmin.id}`).set(admin.auth).send({ isAdmin: false }).expect(200);
    await t.http.get('/api/admin/users').set(otherAdmin.auth).expect(403);
  });

  it('refuses to let an admin demote or deactivate themselves', async () => {
    const demote = await t.http.patch(`/api/admin/users/${admin.id}`).set(admin.auth).send({ isAdmin: false }).expect(409);
    expect(demote.body.code).toBe('self_lockout');
    await t.http.patch(`/api/admin/users/${admin.id}`).set(admin.auth).send({ isActive: false }).expect(409);
    await t.http.get('/api/admin/users').set(admin.auth).expect(200);
  });

  it('answers unknown ids with 404 and malformed requests with 400', async () => {
    await t.http.patch(`/api/admin/users/${randomUUID()}`).set(admin.auth).send({ isActive: false }).expect(404);
    await t.http.patch('/api/admin/users/not-a-uuid').set(admin.auth).send({ isActive: false }).expect(400);
    await t.http.patch(`/api/admin/users/${member.id}`).set(admin.auth).send({}).expect(400);
    await t.http.patch(`/api/admin/users/${member.id}`).set(admin.auth).send({ isActive: 'no' }).expect(400);
    await t.http.patch(`/api/admin/users/${member.id}`).set(admin.auth).send({ email: 'x@example.com' }).expect(400);
  });
});

describe('closed registration', () => {
  let database: TestDatabase;
  let closed: TestApp;
  const adminEmail = anEmail('admin');

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: true });
    // With registration closed from the start, the first admin can only come from the command.
    const created = await runCli('create-admin.js', ['--email', adminEmail], {
      env: { DATABASE_URL: database.url },
      stdin: `${PASSWORD}\n`,
    });
    if (created.code !== 0) throw new Error(`admin:create failed: ${created.stderr}`);
    closed = await startTestApp({ database, env: { ALLOW_REGISTRATION: 'false' } });
  });
  afterAll(async () => {
    await closed.close();
    await database.drop();
  });

  it('refuses self-service sign-up with 403 while admins can still create users', async () => {
    const admin = await login(closed.http, adminEmail);

    const refused = await closed.http
      .post('/api/auth/register')
      .send({ email: anEmail(), password: PASSWORD })
      .expect(403);
    expect(refused.body.message).toContain('Registration is closed');

    const email = anEmail('invited');
    await closed.http.post('/api/admin/users').set(admin.auth).send({ email, password: PASSWORD }).expect(201);
    await login(closed.http, email);
  });
});
