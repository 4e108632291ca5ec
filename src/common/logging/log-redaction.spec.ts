import { REDACTED, redactUrl, scrubSensitiveFields } from './log-redaction';
import { maskSecret } from './mask-secret';

describe('scrubSensitiveFields', () => {
  it('replaces token, password, secret and private key fields at any depth', () => {
    const scrubbed = scrubSensitiveFields({
      msg: 'refreshed',
      accountId: 'a1',
      access_token: 'v^1.1#i^1#secret',
      nested: { refreshToken: 'r', list: [{ password: 'p', keep: 1 }], clientSecret: 's' },
      headers: { authorization: 'Bearer x', cookie: 'sid=1' },
      signingKey: { privateKey: 'MC4C', private_key: 'v1.k', publicKey: 'MCow' },
    });

    expect(scrubbed).toEqual({
      msg: 'refreshed',
      accountId: 'a1',
      access_token: REDACTED,
      nested: { refreshToken: REDACTED, list: [{ password: REDACTED, keep: 1 }], clientSecret: REDACTED },
      headers: { authorization: REDACTED, cookie: REDACTED },
      signingKey: { privateKey: REDACTED, private_key: REDACTED, publicKey: 'MCow' },
    });
  });

  it('keeps only the loggable parts of errors: never query parameters or the failing row', () => {
    const driverError = Object.assign(new Error('new row for relation "users" violates check constraint "ck"'), {
      code: '23514',
      table: 'users',
      constraint: 'ck',
      detail: 'Failing row contains (1, ops@example.com, $argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA).',
    });
    const failed = Object.assign(new Error(driverError.message), {
      name: 'QueryFailedError',
      query: 'INSERT INTO "users"("email", "password_hash") VALUES ($1, $2)',
      parameters: ['ops@example.com', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'],
      driverError,
    });

    const logged = JSON.stringify(scrubSensitiveFields({ err: failed, context: 'Exceptions' }));

    expect(logged).not.toContain('argon2id');
    expect(logged).not.toContain('ops@example.com');
    expect(JSON.parse(logged)).toMatchObject({
      err: {
        type: 'QueryFailedError',
        query: 'INSERT INTO "users"("email", "password_hash") VALUES ($1, $2)',
        driverError: { code: '23514', table: 'users', constraint: 'ck' },
      },
    });
  });

  it('walks class instances like plain objects, keeps dates, and does not mutate its input', () => {
    class Grant {
      constructor(
        readonly accountId: string,
        readonly accessToken: string,
        readonly expiresAt: Date,
      ) {}
    }
    const expiresAt = new Date('2026-11-23T10:00:00.000Z');
    const grant = new Grant('a1', 'v^1.1#i^1#secret', expiresAt);

    expect(scrubSensitiveFields({ grant })).toEqual({ grant: { accountId: 'a1', accessToken: REDACTED, expiresAt } });
    expect(grant.accessToken).toBe('v^1.1#i^1#secret');
  });
});

describe('redactUrl', () => {
  it('hides the OAuth callback code and state but keeps the rest', () => {
    expect(redactUrl('/api/ebay/callback?code=v%5E1.1%23abc&state=xyz&expires_in=299')).toBe(
      `/api/ebay/callback?code=${encodeURIComponent(REDACTED)}&state=${encodeURIComponent(REDACTED)}&expires_in=299`,
    );
  });

  it('leaves URLs without secrets alone', () => {
    expect(redactUrl('/api/ebay-accounts?limit=10')).toBe('/api/ebay-accounts?limit=10');
    expect(redactUrl('/health/ready')).toBe('/health/ready');
  });
});

describe('maskSecret', () => {
  it('shows only the first and last four characters of a long secret', () => {
    expect(maskSecret('v^1.1#i^1#p^3#r^1#ABCDEFGHIJKLMNOP')).toBe('v^1.…MNOP');
  });

  it('hides short secrets whole and says when there is none', () => {
    expect(maskSecret('short-token')).toBe('****');
    expect(maskSecret(null)).toBe('(none)');
  });
});
