import { parseCreatedSigningKey } from './ebay-signing-key';

const NOW = new Date('2026-01-01T00:00:00Z');
const PRIVATE_KEY = 'MC4CAQAwBQYDK2VwBCIEINiTcTWBbZlwaajSkyfdnKteAc/MOETR6sDbKVD8Bf30';
const ANSWER = {
  signingKeyId: 'daa85f0a-d62e-4914-941d-ad6b4320b538',
  signingKeyCipher: 'ED25519',
  publicKey: 'MCowBQYDK2VwAyEArBzkIt4L4Ip4komBHnYeyxuwLk9sokoMdrv4GDodD3E=',
  privateKey: PRIVATE_KEY,
  jwe: 'eyJ6aXAiOiJERUYiLCJlbmMiOiJBMjU2R0NNIn0.jwe',
  creationTime: 1767225600,
  expirationTime: 1861920000,
};

describe('parseCreatedSigningKey', () => {
  it('reads eBay’s answer, times from Unix seconds', () => {
    expect(parseCreatedSigningKey(ANSWER, NOW)).toEqual({
      signingKeyId: ANSWER.signingKeyId,
      signingKeyCipher: 'ED25519',
      publicKey: ANSWER.publicKey,
      privateKey: PRIVATE_KEY,
      jwe: ANSWER.jwe,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      expiresAt: new Date('2029-01-01T00:00:00Z'),
    });
  });

  it('takes now for a missing creationTime', () => {
    const { creationTime: _, ...withoutCreation } = ANSWER;
    expect(parseCreatedSigningKey(withoutCreation, new Date('2026-02-01T00:00:00Z')).createdAt).toEqual(
      new Date('2026-02-01T00:00:00Z'),
    );
  });

  it.each([
    ['no body', undefined],
    ['an array', [ANSWER]],
    ['an RSA key', { ...ANSWER, signingKeyCipher: 'RSA' }],
    ['no jwe', { ...ANSWER, jwe: '' }],
    ['no expiry', { ...ANSWER, expirationTime: undefined }],
    ['an expiry in milliseconds as text', { ...ANSWER, expirationTime: '1861920000000' }],
    ['an expiry before creation', { ...ANSWER, expirationTime: ANSWER.creationTime }],
    ['a private key that is not one', { ...ANSWER, privateKey: ANSWER.publicKey }],
  ])('refuses %s without repeating the answer', (_, body) => {
    expect(() => parseCreatedSigningKey(body, NOW)).toThrow(
      /^eBay Key Management createSigningKey answered with an unreadable response$/,
    );
  });
});
