import { classifyApiFailure, classifyOAuthFailure } from './ebay-error.classifier';
import { parseRetryAfter } from './http-failure';

const envelope = (errorId: number) => ({ errors: [{ errorId, domain: 'OAuth', category: 'REQUEST', message: 'm' }] });

describe('classifyOAuthFailure', () => {
  it('reads invalid_grant as "the user must reconnect"', () => {
    expect(
      classifyOAuthFailure({ status: 400, body: { error: 'invalid_grant', error_description: 'revoked' } }),
    ).toEqual({ kind: 'reauth', oauthError: 'invalid_grant', description: 'revoked' });
  });

  it('reads network failures, 429 and 5xx as transient', () => {
    expect(classifyOAuthFailure({ networkCode: 'ECONNRESET' }).kind).toBe('transient');
    expect(classifyOAuthFailure({ status: 429, body: '' }).kind).toBe('transient');
    expect(classifyOAuthFailure({ status: 503, body: { error: 'server_error' } }).kind).toBe('transient');
  });

  it('reads the other refusals as our own mistake, not worth retrying soon', () => {
    expect(classifyOAuthFailure({ status: 401, body: { error: 'invalid_client' } })).toMatchObject({
      kind: 'client_bug',
      oauthError: 'invalid_client',
    });
    expect(classifyOAuthFailure({ status: 400, body: { error: 'invalid_scope' } }).kind).toBe('client_bug');
  });
});

describe('classifyApiFailure', () => {
  it('asks for a refresh on 401 and on 403 with errorId 1100 only', () => {
    expect(classifyApiFailure({ status: 401, body: envelope(1001) })).toMatchObject({ kind: 'token_rejected', errorId: 1001 });
    expect(classifyApiFailure({ status: 403, body: envelope(1100) }).kind).toBe('token_rejected');
    expect(classifyApiFailure({ status: 403, body: envelope(1999) }).kind).toBe('client_bug');
  });

  it('retries 429, 5xx and network failures; not bad requests', () => {
    expect(classifyApiFailure({ status: 429, body: envelope(2001) }).kind).toBe('transient');
    expect(classifyApiFailure({ status: 500, body: envelope(2003) }).kind).toBe('transient');
    expect(classifyApiFailure({ networkCode: 'ECONNABORTED' }).kind).toBe('transient');
    expect(classifyApiFailure({ status: 400, body: envelope(30700) })).toMatchObject({ kind: 'client_bug', errorId: 30700 });
  });

  it('copes with bodies that are not eBay’s envelope', () => {
    expect(classifyApiFailure({ status: 400, body: '<html>' })).toEqual({ kind: 'client_bug', errorId: undefined, message: undefined });
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-23T10:00:00.000Z');

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
