import { parseBasicCredentials } from './basic-auth';

const encode = (text: string): string => Buffer.from(text).toString('base64');

describe('parseBasicCredentials', () => {
  it('splits client id and secret at the first colon', () => {
    expect(parseBasicCredentials(`Basic ${encode('App-PRD-1:PRD-se:cret')}`)).toEqual({
      clientId: 'App-PRD-1',
      clientSecret: 'PRD-se:cret',
    });
    expect(parseBasicCredentials(`basic   ${encode('a:b')} `)).toEqual({ clientId: 'a', clientSecret: 'b' });
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Bearer ${encode('a:b')}`],
    ['no colon', `Basic ${encode('ab')}`],
    ['an empty client id', `Basic ${encode(':secret')}`],
    ['not base64', 'Basic ***'],
  ])('finds no credentials in %s', (_case, header) => {
    expect(parseBasicCredentials(header)).toBeUndefined();
  });
});
