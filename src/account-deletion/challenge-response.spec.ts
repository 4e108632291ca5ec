import { createHash } from 'node:crypto';
import { challengeResponse } from './challenge-response';

describe('challengeResponse', () => {
  const code = 'a8628072-3d33-45ee-9004-bee86830a22d';
  const token = 'Abc_def-0123456789abcdefghijklmnopqrstuv';
  const url = 'https://connect.example.com/api/ebay/notifications/account-deletion';

  it('is the hex SHA-256 of code, token and URL in that order', () => {
    const expected = createHash('sha256').update(`${code}${token}${url}`, 'utf8').digest('hex');
    expect(challengeResponse(code, token, url)).toBe(expected);
  });

  it('matches a worked example computed once, outside this code', () => {
    // printf '%s' "$code$token$url" | sha256sum, with the three values above
    expect(challengeResponse(code, token, url)).toBe('a1fc982fd8044c6c206b6d59a5133dfbab496c342990433404582b796e368e8b');
  });

  it('changes with the order of its parts', () => {
    expect(challengeResponse(code, token, url)).not.toBe(challengeResponse(token, code, url));
  });
});
