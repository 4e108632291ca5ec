import type { EmulatorSnapshot } from './emulator-snapshot';
import { decodeStateFile, encodeStateFile, StateFileFormatError } from './state-file-format';

const SNAPSHOT: EmulatorSnapshot = {
  idPosition: 123_456,
  sellers: [
    {
      user: {
        userId: 'nY+sHZ2PrBmdj6wVnY',
        username: 'seller_one',
        accountType: 'BUSINESS',
        registrationMarketplaceId: 'EBAY_US',
        status: 'CONFIRMED',
      },
      currency: 'USD',
      orders: [
        {
          orderId: '12-34567-89012',
          creationDate: '2026-01-02T10:00:00.000Z',
          lastModifiedDate: '2026-01-02T11:00:00.000Z',
          orderFulfillmentStatus: 'NOT_STARTED',
          orderPaymentStatus: 'PAID',
          buyer: { username: 'alex_finds' },
          pricingSummary: {
            priceSubtotal: { value: '9.99', currency: 'USD' },
            deliveryCost: { value: '0.00', currency: 'USD' },
            total: { value: '9.99', currency: 'USD' },
          },
          salesRecordReference: '10000',
          lineItems: [
            {
              lineItemId: '10012345678901',
              legacyItemId: '112345678901',
              sku: 'EMU-TEST',
              title: 'Emulator test item',
              quantity: 1,
              lineItemCost: { value: '9.99', currency: 'USD' },
              total: { value: '9.99', currency: 'USD' },
              lineItemFulfillmentStatus: 'NOT_STARTED',
            },
          ],
        },
      ],
      transactions: [
        {
          transactionId: '512345678901',
          transactionType: 'SALE',
          transactionStatus: 'FUNDS_PROCESSING',
          transactionDate: '2026-01-02T10:00:00.000Z',
          amount: { value: '9.99', currency: 'USD' },
          bookingEntry: 'CREDIT',
          orderId: '12-34567-89012',
        },
      ],
      inventoryItems: [{ sku: 'CAM-SX70', locale: 'en_US', item: { condition: 'USED_EXCELLENT', product: { title: 'Camera' } } }],
    },
  ],
  tokens: {
    codes: [
      { code: 'c', clientId: 'app', ruName: 'ru', userId: 'nY+sHZ2PrBmdj6wVnY', scopes: ['s'], expiresAtMs: 1 },
    ],
    refreshTokens: [{ token: 'r', clientId: 'app', userId: 'nY+sHZ2PrBmdj6wVnY', scopes: ['s', 't'], expiresAtMs: 2 }],
    accessTokens: [
      { token: 'a', kind: 'user', clientId: 'app', userId: 'nY+sHZ2PrBmdj6wVnY', scopes: ['s'], expiresAtMs: 3 },
      { token: 'b', kind: 'application', clientId: 'app', scopes: ['s'], expiresAtMs: 4 },
    ],
  },
  signingKeys: [
    {
      clientId: 'app',
      signingKeyId: '6b2f0c3e-9d4a-4f1e-8a55-0f3c2b1d9e77',
      signingKeyCipher: 'ED25519',
      publicKey: 'MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=',
      jwe: 'eyJ6aXAiOiJERUYifQ.a.b.c.d',
      creationTime: 1_767_225_600,
      expirationTime: 1_861_920_000,
    },
  ],
};

function fileWith(changes: Record<string, unknown>): string {
  return JSON.stringify({ ...JSON.parse(encodeStateFile(SNAPSHOT, new Date())), ...changes });
}

describe('state file format', () => {
  it('reads back what it wrote, headed by its format and version', () => {
    const text = encodeStateFile(SNAPSHOT, new Date('2026-01-03T00:00:00.000Z'));

    expect(JSON.parse(text)).toMatchObject({
      format: 'ebay-emulator-state',
      version: 2,
      savedAt: '2026-01-03T00:00:00.000Z',
    });
    expect(decodeStateFile(text)).toEqual(SNAPSHOT);
  });

  it.each([
    ['an empty file', '', 'is not JSON'],
    ['a truncated file', '{"format":"ebay-emulator-state","version":1,"sellers":[', 'is not JSON'],
    ['JSON that is not an object', '[]', 'is not an object'],
    ['some other JSON', '{"some":"other json"}', 'is not an eBay emulator state file'],
    ['a later format version', fileWith({ version: 3 }), 'has format version 3; this emulator reads versions 1 and 2'],
    ['a version that is not a number', fileWith({ version: '1' }), 'has format version "1"'],
    ['a negative id position', fileWith({ idPosition: -1 }), '$.idPosition'],
    ['sellers that are not a list', fileWith({ sellers: {} }), '$.sellers'],
    ['signing keys that are not a list', fileWith({ signingKeys: {} }), '$.signingKeys'],
    [
      'a signing key whose public key is not DER',
      fileWith({ signingKeys: [{ ...SNAPSHOT.signingKeys[0], publicKey: 'bm90IGEga2V5' }] }),
      '$.signingKeys[0].publicKey',
    ],
    [
      'a refresh token without its client',
      fileWith({ tokens: { codes: [], refreshTokens: [{ token: 'r' }], accessTokens: [] } }),
      '$.tokens.refreshTokens[0].clientId',
    ],
  ])('refuses %s', (_case, text, reason) => {
    expect(() => decodeStateFile(text)).toThrow(StateFileFormatError);
    expect(() => decodeStateFile(text)).toThrow(reason);
  });

  it('reads a version 1 file (before inventory items and signing keys) with neither', () => {
    const { signingKeys: _keys, ...rest } = JSON.parse(encodeStateFile(SNAPSHOT, new Date())) as Record<string, unknown>;
    const sellers = SNAPSHOT.sellers.map(({ inventoryItems: _items, ...seller }) => seller);

    const decoded = decodeStateFile(JSON.stringify({ ...rest, version: 1, sellers }));

    expect(decoded.signingKeys).toEqual([]);
    expect(decoded.sellers[0]?.inventoryItems).toEqual([]);
    expect(decoded.sellers[0]?.orders).toEqual(SNAPSHOT.sellers[0]?.orders);
  });

  it('refuses a version 2 file without inventory items', () => {
    const sellers = SNAPSHOT.sellers.map(({ inventoryItems: _items, ...seller }) => seller);

    expect(() => decodeStateFile(fileWith({ sellers }))).toThrow('$.sellers[0].inventoryItems');
  });

  it('refuses an order without what the emulator reads of it, naming where', () => {
    const seller = SNAPSHOT.sellers[0];
    const order = { ...seller.orders[0], lineItems: [{ lineItemId: '1' }] };
    const text = fileWith({ sellers: [{ ...seller, orders: [order] }] });

    expect(() => decodeStateFile(text)).toThrow('$.sellers[0].orders[0].lineItems[0].legacyItemId is missing or malformed');
  });

  it('never quotes a value in its reasons, since values are tokens', () => {
    const text = fileWith({
      tokens: { codes: [], refreshTokens: [], accessTokens: [{ token: 'secret-token-value', kind: 'user' }] },
    });

    expect(() => decodeStateFile(text)).toThrow(/accessTokens\[0\]/);
    expect(() => decodeStateFile(text)).not.toThrow(/secret-token-value/);
  });
});
