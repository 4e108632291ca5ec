import { newAuthorizationCode, newRefreshToken, newUserAccessToken } from './token-strings';

describe('token strings', () => {
  // Enough draws that a base64 tail of random bytes would show '+' or '/' many times over.
  const DRAWS = 500;

  it.each([
    ['authorization codes', newAuthorizationCode],
    ['refresh tokens', newRefreshToken],
  ])('gives %s with ^ and # but never +, / or =, so an unencoded form value still works', (_kind, draw) => {
    const values = Array.from({ length: DRAWS }, draw);

    for (const value of values) {
      expect(value).toMatch(/^v\^1\.1#i\^1#[A-Za-z0-9^#.]+$/);
      expect(value).not.toMatch(/[+/=]/);
    }
    expect(new Set(values).size).toBe(DRAWS);
  });

  it('gives codes whose tail is base64 of eBay-like text', () => {
    const tail = newAuthorizationCode().split('#t^')[1] ?? '';

    expect(Buffer.from(tail, 'base64').toString('ascii')).toMatch(/^R\^5_0:[0-9A-F]{62}_0_1#E\^260$/);
  });

  it('gives access tokens of about 2 KB', () => {
    expect(newUserAccessToken().length).toBeGreaterThan(1800);
  });
});
