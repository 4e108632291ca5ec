import { REDACTED, redactUrl, scrubSensitiveFields } from './log-redaction';
import { maskSecret } from './mask-secret';

describe('scrubSensitiveFields', () => {
  it('replaces token, password and secret fields at any depth', () => {
    const scrubbed = scrubSensitiveFields({
      msg: 'refreshed',
      accountId: 'a1',
      access_token: 'v^1.1#i^1#secret',
      nested: { refreshToken: 'r', list: [{ password: 'p', keep: 1 }], clientSecret: 's' },
      headers: { authorization: 'Bearer x', cookie: 'sid=1' },
    });

    expect(scrubbed).toEqual({
      msg: 'refreshed',
      accountId: 'a1',
      access_token: REDACTED,
      nested: { refreshToken: REDACTED, list: [{ password: REDACTED, keep: 1 }], clientSecret: REDACTED },
      headers: { authorization: REDACTED, cookie: REDACTED },
    });
  });

  it('leaves class instances to their own serializers and does not mutate its input', () => {
    const error = new Error('boom');
    const input = { err: error, token: 't' };
    const scrubbed = scrubSensitiveFields(input) as Record<string, unknown>;

    expect(scrubbed.err).toBe(error);
    expect(input.token).toBe('t');
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
