import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from './configuration.error';
import { DEFAULT_EBAY_SCOPES } from './default-ebay-scopes';
import { type EnvironmentSource, loadConfiguration } from './load-configuration';

const KEY = Buffer.alloc(32, 7).toString('base64');
const PRODUCTION: EnvironmentSource = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app@db:5432/ebay',
  JWT_SECRET: 'x'.repeat(8) + 'a-very-random-production-value-42',
  TOKEN_ENCRYPTION_KEYS: `k1:${KEY}`,
  EBAY_ENVIRONMENT: 'production',
  EBAY_CLIENT_ID: 'client',
  EBAY_CLIENT_SECRET: 'secret',
  EBAY_RUNAME: 'Company-App-PRD-abc',
};

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'config-spec-'));
}

function load(env: EnvironmentSource, cwd = freshDir()) {
  return loadConfiguration(env, cwd);
}

function errorOf(env: EnvironmentSource): string {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfiguration', () => {
  it('runs with nothing set: embedded database, built-in emulator, documented defaults', () => {
    const config = load({});

    expect(config.app).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      nodeEnv: 'development',
      logLevel: 'info',
      logFormat: 'pretty',
      corsOrigins: [],
    });
    expect(config.database.url).toBeUndefined();
    expect(config.database).toMatchObject({ migrationsRun: true, statementTimeoutMs: 5000 });
    expect(config.auth).toMatchObject({ jwtExpiresInSeconds: 3600, allowRegistration: true });
    expect(config.ebay.environment).toBe('emulator');
    expect(config.ebay.scopes).toEqual(DEFAULT_EBAY_SCOPES);
    expect(config.tokens).toMatchObject({
      refreshEnabled: true,
      refreshCron: '*/30 * * * * *',
      refreshIntervalSeconds: 30,
      refreshHorizonSeconds: 900,
      refreshConcurrency: 8,
      refreshPolicy: 'active',
      warmWindowSeconds: 86_400,
      dailyRefreshGrantLimit: 50_000,
    });
    expect(config.health).toMatchObject({
      checkEnabled: true,
      checkCron: '0 0 */6 * * *',
      checkRunSeconds: [0, 6 * 3600, 12 * 3600, 18 * 3600],
      checkConcurrency: 4,
      eventsRetentionDays: 90,
    });
  });

  it('reads the refresh policy, its warm window and the daily grant limit, and refuses others', () => {
    expect(
      load({ TOKEN_REFRESH_POLICY: 'all', TOKEN_WARM_WINDOW_SECONDS: '7200', EBAY_DAILY_REFRESH_GRANT_LIMIT: '100000' }).tokens,
    ).toMatchObject({ refreshPolicy: 'all', warmWindowSeconds: 7200, dailyRefreshGrantLimit: 100_000 });
    expect(() => load({ TOKEN_REFRESH_POLICY: 'some' })).toThrow('TOKEN_REFRESH_POLICY must be active or all');
    expect(() => load({ TOKEN_WARM_WINDOW_SECONDS: '60' })).toThrow('TOKEN_WARM_WINDOW_SECONDS must be a whole number');
    expect(() => load({ EBAY_DAILY_REFRESH_GRANT_LIMIT: '0' })).toThrow('EBAY_DAILY_REFRESH_GRANT_LIMIT must be a whole number');
  });

  it('generates the JWT secret and encryption key once and finds them again after a restart', () => {
    const cwd = freshDir();
    const first = load({}, cwd);
    const second = load({}, cwd);

    expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    expect(second.tokens.encryptionKeys[0].key.equals(first.tokens.encryptionKeys[0].key)).toBe(true);
    expect(first.warnings.join('\n')).toContain('jwt-secret');
    const secretFile = join(cwd, 'data', 'jwt-secret');
    expect(readFileSync(secretFile, 'utf8').trim()).toBe(first.auth.jwtSecret);
    expect(statSync(secretFile).mode & 0o077).toBe(0);
  });

  it('talks to production eBay when keys are given without an environment', () => {
    const config = load({ EBAY_CLIENT_ID: 'id', EBAY_CLIENT_SECRET: 's', EBAY_RUNAME: 'r' });
    expect(config.ebay.environment).toBe('production');
  });

  it('accepts a complete production configuration', () => {
    const config = load(PRODUCTION);
    expect(config.app).toMatchObject({ isProduction: true, host: '0.0.0.0', logFormat: 'json' });
    expect(config.warnings).toEqual([]);
    expect(config.tokens.encryptionKeys.map((key) => key.id)).toEqual(['k1']);
  });

  it.each([
    ['DATABASE_URL', 'DATABASE_URL is required when NODE_ENV=production'],
    ['JWT_SECRET', 'JWT_SECRET is required when NODE_ENV=production'],
    ['TOKEN_ENCRYPTION_KEYS', 'TOKEN_ENCRYPTION_KEYS is required when NODE_ENV=production'],
    ['EBAY_ENVIRONMENT', 'EBAY_ENVIRONMENT is required when NODE_ENV=production'],
    ['EBAY_CLIENT_ID', 'EBAY_CLIENT_ID is required'],
    ['EBAY_CLIENT_SECRET', 'EBAY_CLIENT_SECRET is required'],
    ['EBAY_RUNAME', 'EBAY_RUNAME is required'],
  ])('refuses production without %s and names it', (variable, message) => {
    expect(errorOf({ ...PRODUCTION, [variable]: undefined })).toContain(message);
  });

  it('does not require EBAY_DEV_ID in production', () => {
    expect(load({ ...PRODUCTION, EBAY_DEV_ID: undefined }).ebay.devId).toBeUndefined();
  });

  it('refuses the emulator and placeholder secrets in production', () => {
    expect(errorOf({ ...PRODUCTION, EBAY_ENVIRONMENT: 'emulator' })).toContain('EBAY_ENVIRONMENT');
    expect(errorOf({ ...PRODUCTION, JWT_SECRET: 'change-me-change-me-change-me-change-me' })).toContain(
      'JWT_SECRET looks like a placeholder',
    );
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters long'],
    [{ JWT_EXPIRES_IN_SECONDS: '1.5' }, 'JWT_EXPIRES_IN_SECONDS must be a whole number'],
    [{ ALLOW_REGISTRATION: 'maybe' }, 'ALLOW_REGISTRATION must be true or false'],
    [{ DB_MIGRATIONS_RUN: 'sometimes' }, 'DB_MIGRATIONS_RUN must be true or false'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a postgres:// or postgresql:// connection URL'],
    [{ EBAY_ENVIRONMENT: 'staging' }, 'EBAY_ENVIRONMENT must be production, sandbox or emulator'],
    [{ EBAY_ENVIRONMENT: 'sandbox' }, 'EBAY_CLIENT_ID is required unless EBAY_ENVIRONMENT=emulator'],
    [{ EBAY_API_BASE_URL: 'not a url' }, 'EBAY_API_BASE_URL must be an http(s) URL'],
    [{ EBAY_SCOPES: 'sell.account' }, 'EBAY_SCOPES must be space-separated https:// scope URLs'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ TOKEN_REFRESH_CONCURRENCY: '0' }, 'TOKEN_REFRESH_CONCURRENCY must be a whole number from 1 to 100'],
    [{ TOKEN_REFRESH_CRON: 'every minute' }, 'TOKEN_REFRESH_CRON "every minute" is not a cron expression'],
    [{ TOKEN_REFRESH_CRON: '0 0 * * 1' }, 'TOKEN_REFRESH_CRON must run every day'],
    [{ HEALTH_CHECK_ENABLED: 'sometimes' }, 'HEALTH_CHECK_ENABLED must be true or false'],
    [{ HEALTH_CHECK_CRON: 'hourly' }, 'HEALTH_CHECK_CRON "hourly" is not a cron expression'],
    [{ HEALTH_CHECK_CRON: '0 0 0 * * 1' }, 'HEALTH_CHECK_CRON must run every day'],
    [{ HEALTH_CHECK_CONCURRENCY: '33' }, 'HEALTH_CHECK_CONCURRENCY must be a whole number from 1 to 32'],
    [{ HEALTH_EVENTS_RETENTION_DAYS: '0' }, 'HEALTH_EVENTS_RETENTION_DAYS must be a whole number from 1 to 3650'],
    [{ TOKEN_REFRESH_INTERVAL_SECONDS: '60' }, 'TOKEN_REFRESH_INTERVAL_SECONDS was replaced by TOKEN_REFRESH_CRON'],
    [{ HOST: 'example.com' }, 'HOST must be an IP address'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be json or pretty'],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '10' }, 'DATABASE_STATEMENT_TIMEOUT_MS must be a whole number from 100 to 600000'],
    [{ CORS_ORIGINS: 'https://ok.example.com,ftp://bad' }, 'CORS_ORIGINS entry "ftp://bad"'],
    [{ TOKEN_ENCRYPTION_KEYS: 'nokid' }, 'TOKEN_ENCRYPTION_KEYS entry 1 must look like kid:base64key'],
    [{ TOKEN_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' }, 'TOKEN_ENCRYPTION_KEYS key "k1" must be 32 bytes'],
    [{ TOKEN_ENCRYPTION_KEYS: `k1:${KEY},k1:${KEY}` }, 'TOKEN_ENCRYPTION_KEYS repeats the key id "k1"'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    const error = errorOf(env as EnvironmentSource);
    expect(error).toContain(message);
    expect(error).not.toContain('\n');
  });

  it('refuses a refresh horizon that lets tokens expire between two runs, an abandoned claim and a slow refresh', () => {
    // Every 5 minutes: 300 + the 120 s claim lease + 60 s for one refresh = 480.
    expect(errorOf({ TOKEN_REFRESH_CRON: '0 */5 * * * *', TOKEN_REFRESH_HORIZON_SECONDS: '480' })).toContain(
      'TOKEN_REFRESH_HORIZON_SECONDS (480) must exceed 480',
    );
    expect(load({ TOKEN_REFRESH_CRON: '0 */5 * * * *', TOKEN_REFRESH_HORIZON_SECONDS: '481' }).tokens.refreshIntervalSeconds).toBe(300);
  });

  it('keeps connections for requests: the pool must exceed the refresh concurrency by two', () => {
    const real = { DATABASE_URL: 'postgres://app@db:5432/ebay' };
    expect(errorOf({ ...real, DATABASE_POOL_SIZE: '9', TOKEN_REFRESH_CONCURRENCY: '8' })).toContain(
      'TOKEN_REFRESH_CONCURRENCY (8) must leave at least 2 of DATABASE_POOL_SIZE (9) connections for requests',
    );
    expect(load({ ...real, DATABASE_POOL_SIZE: '9', TOKEN_REFRESH_ENABLED: 'false' }).database.poolSize).toBe(9);
    // The embedded database always has one connection; the refresher holds none while eBay answers.
    expect(load({ DATABASE_POOL_SIZE: '3' }).tokens.refreshConcurrency).toBe(8);
  });

  it('listens where HOST says, also outside production', () => {
    expect(load({ HOST: '0.0.0.0' }).app.host).toBe('0.0.0.0');
    expect(load({ HOST: '::' }).app.host).toBe('::');
  });

  it('reads every key of a rotation list, the first one active', () => {
    const other = Buffer.alloc(32, 9).toString('base64');
    const config = load({ TOKEN_ENCRYPTION_KEYS: `new:${other}, old:${KEY}` });
    expect(config.tokens.encryptionKeys.map((key) => key.id)).toEqual(['new', 'old']);
  });

  describe('Marketplace Account Deletion', () => {
    const TOKEN = 'Abc_def-0123456789abcdefghijklmnopqrstuv';
    const URL = 'https://connect.example.com/api/ebay/notifications/account-deletion';

    it('is off with neither variable, and on with both, the URL kept exactly as registered', () => {
      expect(load({}).accountDeletion.endpoint).toBeUndefined();
      const withSlash = `${URL}/`;
      expect(load({ EBAY_DELETION_VERIFICATION_TOKEN: TOKEN, EBAY_DELETION_ENDPOINT_URL: withSlash }).accountDeletion.endpoint).toEqual({
        verificationToken: TOKEN,
        endpointUrl: withSlash,
      });
      expect(load({ ...PRODUCTION, EBAY_DELETION_VERIFICATION_TOKEN: TOKEN, EBAY_DELETION_ENDPOINT_URL: URL }).accountDeletion.endpoint?.endpointUrl).toBe(URL);
    });

    it('accepts http only to this machine, for the emulator and tests', () => {
      for (const local of ['http://localhost:3000/x', 'http://127.0.0.1:3000/x', 'http://[::1]:3000/x']) {
        expect(load({ EBAY_DELETION_VERIFICATION_TOKEN: TOKEN, EBAY_DELETION_ENDPOINT_URL: local }).accountDeletion.endpoint?.endpointUrl).toBe(local);
      }
    });

    it.each([
      [{ EBAY_DELETION_VERIFICATION_TOKEN: TOKEN }, 'EBAY_DELETION_VERIFICATION_TOKEN is set but EBAY_DELETION_ENDPOINT_URL is not'],
      [{ EBAY_DELETION_ENDPOINT_URL: URL }, 'EBAY_DELETION_ENDPOINT_URL is set but EBAY_DELETION_VERIFICATION_TOKEN is not'],
      [{ EBAY_DELETION_VERIFICATION_TOKEN: 'x'.repeat(31), EBAY_DELETION_ENDPOINT_URL: URL }, 'EBAY_DELETION_VERIFICATION_TOKEN must be 32 to 80 characters'],
      [{ EBAY_DELETION_VERIFICATION_TOKEN: 'x'.repeat(81), EBAY_DELETION_ENDPOINT_URL: URL }, 'EBAY_DELETION_VERIFICATION_TOKEN must be 32 to 80 characters'],
      [{ EBAY_DELETION_VERIFICATION_TOKEN: `${'x'.repeat(40)}=+`, EBAY_DELETION_ENDPOINT_URL: URL }, 'EBAY_DELETION_VERIFICATION_TOKEN must be 32 to 80 characters'],
      [{ EBAY_DELETION_VERIFICATION_TOKEN: TOKEN, EBAY_DELETION_ENDPOINT_URL: 'http://connect.example.com/x' }, 'EBAY_DELETION_ENDPOINT_URL must be an https:// URL'],
      [{ EBAY_DELETION_VERIFICATION_TOKEN: TOKEN, EBAY_DELETION_ENDPOINT_URL: '/api/ebay/notifications/account-deletion' }, 'EBAY_DELETION_ENDPOINT_URL must be an absolute URL'],
      [{ EBAY_DELETION_VERIFICATION_TOKEN: TOKEN, EBAY_DELETION_ENDPOINT_URL: `${URL}#x` }, 'EBAY_DELETION_ENDPOINT_URL must not carry credentials or a #fragment'],
    ])('refuses %j with one line naming the variable', (env, message) => {
      const error = errorOf(env as EnvironmentSource);
      expect(error).toContain(message);
      expect(error).not.toContain('\n');
      expect(error).not.toContain(TOKEN);
    });
  });

  it('serves metrics unless METRICS_ENABLED says false, and names the variable for anything else', () => {
    expect(load({}).metrics.enabled).toBe(true);
    expect(load({ METRICS_ENABLED: 'false' }).metrics.enabled).toBe(false);
    expect(load({ METRICS_ENABLED: '' }).metrics.enabled).toBe(true);
    expect(errorOf({ METRICS_ENABLED: 'sometimes' })).toContain('METRICS_ENABLED must be true or false');
  });

  it('treats empty values as unset and trims trailing slashes of eBay URLs', () => {
    const config = load({ PORT: '', EBAY_API_BASE_URL: 'http://localhost:4010/' });
    expect(config.app.port).toBe(3000);
    expect(config.ebay.apiBaseUrl).toBe('http://localhost:4010');
  });
});
