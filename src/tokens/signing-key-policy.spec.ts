import { isSigningKeyUsable, signingKeyCheckAgainAt, signingKeyRenewAt } from './signing-key-policy';

const DAY_MS = 24 * 3600 * 1000;
const at = (iso: string): Date => new Date(iso);

describe('signingKeyRenewAt', () => {
  it('renews a key of three years thirty days before it expires', () => {
    expect(signingKeyRenewAt(at('2026-01-01T00:00:00Z'), at('2029-01-01T00:00:00Z'))).toEqual(at('2028-12-02T00:00:00Z'));
  });

  it('renews a key shorter than sixty days at half its life', () => {
    const created = at('2026-01-01T00:00:00Z');
    expect(signingKeyRenewAt(created, new Date(created.getTime() + 40 * DAY_MS))).toEqual(
      new Date(created.getTime() + 20 * DAY_MS),
    );
    expect(signingKeyRenewAt(created, new Date(created.getTime() + 4000))).toEqual(new Date(created.getTime() + 2000));
  });
});

describe('isSigningKeyUsable', () => {
  it('signs up to, not at, the expiry', () => {
    const expiresAt = at('2029-01-01T00:00:00Z');
    expect(isSigningKeyUsable(expiresAt, new Date(expiresAt.getTime() - 1))).toBe(true);
    expect(isSigningKeyUsable(expiresAt, expiresAt)).toBe(false);
  });
});

describe('signingKeyCheckAgainAt', () => {
  const now = at('2026-06-01T00:00:00Z');

  it('trusts a key for a minute when its renewal is far', () => {
    expect(signingKeyCheckAgainAt(at('2028-12-02T00:00:00Z'), now)).toEqual(at('2026-06-01T00:01:00Z'));
  });

  it('reads again at the renewal time when it comes first', () => {
    expect(signingKeyCheckAgainAt(at('2026-06-01T00:00:20Z'), now)).toEqual(at('2026-06-01T00:00:20Z'));
  });

  it('reads again within seconds while a renewal is due and not done', () => {
    expect(signingKeyCheckAgainAt(at('2026-05-01T00:00:00Z'), now)).toEqual(at('2026-06-01T00:00:05Z'));
  });
});
