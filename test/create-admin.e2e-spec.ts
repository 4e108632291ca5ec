import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIN_PASSWORD_LENGTH } from '../src/auth/dto/credentials.dto';
import { type CliRun, runCli } from './support/cli-process';
import { startTestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase, withDatabase } from './support/test-database';
import { anEmail, login, PASSWORD } from './support/users';

/**
 * `node dist/src/cli/create-admin.js …` on a database, the password piped in. It runs in a
 * scratch folder of its own, so its DATA_DIR (generated secrets) is there too.
 */
function createAdmin(args: string[], options: { database?: TestDatabase; stdin?: string; env?: Record<string, string> }): Promise<CliRun> {
  return runCli('create-admin.js', args, {
    env: { ...(options.database === undefined ? {} : { DATABASE_URL: options.database.url }), ...options.env },
    stdin: options.stdin,
  });
}

function everythingPrinted(run: CliRun): string {
  return run.stdout + run.stderr;
}

function countUsers(database: TestDatabase): Promise<number> {
  return withDatabase(database.url, async (client) => (await client.query('SELECT count(*)::int AS n FROM users')).rows[0].n);
}

describe('admin:create (node dist/src/cli/create-admin.js) on an empty database', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('migrates it and creates an administrator who can run a deployment with registration closed', async () => {
    const email = anEmail('ops');
    const run = await createAdmin(['--email', `  ${email.toUpperCase()} `], { database, stdin: `${PASSWORD}\n` });

    expect(run).toMatchObject({ code: 0, stderr: '' });
    const printed = /^Created administrator (\S+) \(id ([0-9a-f-]{36})\)\n$/.exec(run.stdout);
    expect(printed?.[1]).toBe(email);
    expect(everythingPrinted(run)).not.toContain(PASSWORD);

    const t = await startTestApp({ database, env: { ALLOW_REGISTRATION: 'false' } });
    try {
      const admin = await login(t.http, email);
      const me = await t.http.get('/api/auth/me').set(admin.auth).expect(200);
      expect(me.body).toMatchObject({ id: printed?.[2], email, isAdmin: true });

      const invited = anEmail('invited');
      await t.http.post('/api/admin/users').set(admin.auth).send({ email: invited, password: PASSWORD }).expect(201);
      await login(t.http, invited);
      await t.http.post('/api/auth/register').send({ email: anEmail(), password: PASSWORD }).expect(403);
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe('admin:create refusals', () => {
  let database: TestDatabase;
  /** Unique, so finding it in the output can only mean the command printed it. */
  const secret = `pw-${randomBytes(8).toString('hex')}`;

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('refuses a password in argv, saying why, and creates nothing', async () => {
    const before = await countUsers(database);
    const run = await createAdmin(['--email', anEmail(), '--password', secret], { database, stdin: `${secret}\n` });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('never taken from the command line');
    expect(run.stderr).toContain('`ps`');
    expect(run.stdout).toBe('');
    expect(everythingPrinted(run)).not.toContain(secret);
    expect(await countUsers(database)).toBe(before);
  });

  it('refuses an unknown argument with the usage line', async () => {
    const run = await createAdmin(['--email', anEmail(), '--admin'], { database, stdin: `${secret}\n` });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Unknown option "--admin"\. Usage: npm run admin:create -- --email <address>/);
  });

  it('refuses what registration refuses, with its messages: a short password, a malformed email', async () => {
    const before = await countUsers(database);
    const short = secret.slice(0, MIN_PASSWORD_LENGTH - 1);
    const [shortRun, badEmailRun] = await Promise.all([
      createAdmin(['--email', anEmail()], { database, stdin: `${short}\n` }),
      createAdmin(['--email', 'ops@'], { database, stdin: `${secret}\n` }),
    ]);

    expect(shortRun.code).toBe(1);
    expect(shortRun.stderr).toBe(`Refused: password must be at least ${MIN_PASSWORD_LENGTH} characters long\n`);
    expect(badEmailRun.code).toBe(1);
    expect(badEmailRun.stderr).toBe('Refused: email must be an email address\n');
    for (const run of [shortRun, badEmailRun]) {
      expect(run.stdout).toBe('');
      expect(everythingPrinted(run)).not.toContain(short);
    }
    expect(await countUsers(database)).toBe(before);
  });

  it('refuses a taken email (whatever its case) and says how to make an existing user admin', async () => {
    const email = anEmail('taken');
    const first = await createAdmin(['--email', email], { database, stdin: `${secret}\n` });
    expect(first.code).toBe(0);
    const before = await countUsers(database);

    const again = await createAdmin(['--email', email.toUpperCase()], { database, stdin: `${secret}\n` });

    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain(`A user with the email ${email} already exists`);
    expect(again.stderr).toContain('PATCH /api/admin/users/:id');
    for (const run of [first, again]) {
      expect(everythingPrinted(run)).not.toContain(secret);
      expect(everythingPrinted(run)).not.toContain('$argon2');
    }
    expect(await countUsers(database)).toBe(before);
  }, 60_000);
});

describe('admin:create and the state of the database', () => {
  it('with the embedded database, tells the operator to stop the service that holds it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ebay-connect-admin-cli-'));
    // This test process plays the running service: alive, and not the command itself.
    writeFileSync(join(dataDir, 'pgdata.pid'), String(process.pid));

    const run = await createAdmin(['--email', anEmail()], { stdin: `${PASSWORD}\n`, env: { DATA_DIR: dataDir } });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`is open in process ${process.pid}, most likely the running service`);
    expect(run.stderr).toContain('stop the service, run this command, then start the service again');
    expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);
  });

  it('with DB_MIGRATIONS_RUN=false, leaves migrating to the operator and creates nothing', async () => {
    const database = await createTestDatabase({ migrated: false });
    try {
      const run = await createAdmin(['--email', anEmail()], {
        database,
        stdin: `${PASSWORD}\n`,
        env: { DB_MIGRATIONS_RUN: 'false' },
      });

      expect(run.code).toBe(1);
      expect(run.stderr).toContain('DB_MIGRATIONS_RUN=false');
      expect(run.stderr).toContain('npm run migration:run');
      const tables = await withDatabase(database.url, (client) =>
        client.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'users'"),
      );
      expect(tables.rowCount).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
