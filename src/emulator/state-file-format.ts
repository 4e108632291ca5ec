import { createPublicKey } from 'node:crypto';
import {
  ACCOUNT_TYPES,
  type EbayOrder,
  type EbayTransaction,
  type EbayUser,
  ORDER_FULFILLMENT_STATUSES,
  TRANSACTION_TYPES,
  USER_STATUSES,
} from './ebay-wire.types';
import type { EmulatorSnapshot, SellerSnapshot } from './emulator-snapshot';
import type { StoredInventoryItem } from './inventory-items';
import { SIGNING_KEY_CIPHERS, type SigningKeyRecord } from './signing-keys';
import type { AccessTokenRecord, AuthorizationCode, RefreshTokenGrant, TokenStoreSnapshot } from './token-store';

/** Written first in every state file, so a stray JSON file is never mistaken for one. */
export const STATE_FILE_FORMAT = 'ebay-emulator-state';
/**
 * Bumped whenever the layout changes; a file of an unknown version is set aside, not guessed
 * at. Version 1 (before inventory items and signing keys) still loads, with neither.
 */
export const STATE_FILE_VERSION = 2;
const READABLE_VERSIONS: readonly number[] = [1, 2];

/** Why a state file's text cannot be loaded, worded to follow "the state file …". */
export class StateFileFormatError extends Error {}

/** The file's text: compact JSON, headed by its format and version. */
export function encodeStateFile(snapshot: EmulatorSnapshot, savedAt: Date): string {
  return JSON.stringify({
    format: STATE_FILE_FORMAT,
    version: STATE_FILE_VERSION,
    savedAt: savedAt.toISOString(),
    ...snapshot,
  });
}

/**
 * Reads a state file's text back, checking every field the emulator relies on, so a
 * hand-edited or truncated file is refused here instead of failing a request later.
 */
export function decodeStateFile(text: string): EmulatorSnapshot {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StateFileFormatError('is not JSON');
  }
  const root = new Fields(parsed, '$');
  if (root.raw('format') !== STATE_FILE_FORMAT) throw new StateFileFormatError('is not an eBay emulator state file');
  const version = root.raw('version');
  if (typeof version !== 'number' || !READABLE_VERSIONS.includes(version)) {
    throw new StateFileFormatError(
      `has format version ${JSON.stringify(version)}; this emulator reads versions ${READABLE_VERSIONS.join(' and ')}`,
    );
  }
  const isVersion1 = version === 1;
  const idPosition = root.number('idPosition');
  if (!Number.isInteger(idPosition) || idPosition < 0 || idPosition > 0xffff_ffff) throw root.invalid('idPosition');
  return {
    idPosition,
    sellers: root.list('sellers', (seller) => decodeSeller(seller, isVersion1)),
    tokens: decodeTokens(root.object('tokens')),
    signingKeys: isVersion1 ? [] : root.list('signingKeys', decodeSigningKey),
  };
}

function decodeSeller(seller: Fields, isVersion1: boolean): SellerSnapshot {
  return {
    user: decodeUser(seller.object('user')),
    currency: seller.string('currency'),
    orders: seller.list('orders', decodeOrder),
    transactions: seller.list('transactions', decodeTransaction),
    inventoryItems: isVersion1 ? [] : seller.list('inventoryItems', decodeInventoryItem),
  };
}

function decodeInventoryItem(item: Fields): StoredInventoryItem {
  return { sku: item.string('sku'), locale: item.string('locale'), item: item.object('item').value };
}

function decodeSigningKey(key: Fields): SigningKeyRecord {
  const record: SigningKeyRecord = {
    clientId: key.string('clientId'),
    signingKeyId: key.string('signingKeyId'),
    signingKeyCipher: key.oneOf('signingKeyCipher', SIGNING_KEY_CIPHERS),
    publicKey: key.string('publicKey'),
    jwe: key.string('jwe'),
    creationTime: key.number('creationTime'),
    expirationTime: key.number('expirationTime'),
  };
  try {
    createPublicKey({ key: Buffer.from(record.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw key.invalid('publicKey');
  }
  return record;
}

function decodeUser(user: Fields): EbayUser {
  return {
    userId: user.string('userId'),
    username: user.string('username'),
    accountType: user.oneOf('accountType', ACCOUNT_TYPES),
    registrationMarketplaceId: user.string('registrationMarketplaceId'),
    status: user.oneOf('status', USER_STATUSES),
  };
}

/** Orders are kept as eBay sends them; what is checked is what queries and changes read. */
function decodeOrder(order: Fields): EbayOrder {
  order.string('orderId');
  order.timestamp('creationDate');
  order.timestamp('lastModifiedDate');
  order.oneOf('orderFulfillmentStatus', ORDER_FULFILLMENT_STATUSES);
  order.object('buyer').string('username');
  order.object('pricingSummary').object('total').string('value');
  order.list('lineItems', (item) => [item.string('lineItemId'), item.string('legacyItemId')]);
  return order.value as unknown as EbayOrder;
}

function decodeTransaction(transaction: Fields): EbayTransaction {
  transaction.string('transactionId');
  transaction.oneOf('transactionType', TRANSACTION_TYPES);
  transaction.timestamp('transactionDate');
  transaction.object('amount').string('value');
  return transaction.value as unknown as EbayTransaction;
}

function decodeTokens(tokens: Fields): TokenStoreSnapshot {
  return {
    codes: tokens.list(
      'codes',
      (code): AuthorizationCode => ({
        code: code.string('code'),
        clientId: code.string('clientId'),
        ruName: code.string('ruName'),
        userId: code.string('userId'),
        scopes: code.strings('scopes'),
        expiresAtMs: code.number('expiresAtMs'),
      }),
    ),
    refreshTokens: tokens.list(
      'refreshTokens',
      (grant): RefreshTokenGrant => ({
        token: grant.string('token'),
        clientId: grant.string('clientId'),
        userId: grant.string('userId'),
        scopes: grant.strings('scopes'),
        expiresAtMs: grant.number('expiresAtMs'),
      }),
    ),
    accessTokens: tokens.list('accessTokens', (grant): AccessTokenRecord => {
      const kind = grant.oneOf('kind', ['user', 'application'] as const);
      return {
        token: grant.string('token'),
        kind,
        clientId: grant.string('clientId'),
        // Application tokens act for no seller; user tokens always for one.
        ...(kind === 'user' ? { userId: grant.string('userId') } : {}),
        scopes: grant.strings('scopes'),
        expiresAtMs: grant.number('expiresAtMs'),
      };
    }),
  };
}

/** Typed reads from one JSON object of the file; a miss names its path (never its value: tokens). */
class Fields {
  readonly value: Readonly<Record<string, unknown>>;

  constructor(
    value: unknown,
    private readonly path: string,
  ) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new StateFileFormatError(`does not hold emulator state (${path} is not an object)`);
    }
    this.value = value as Record<string, unknown>;
  }

  raw(key: string): unknown {
    return this.value[key];
  }

  string(key: string): string {
    const value = this.value[key];
    if (typeof value !== 'string' || value === '') throw this.invalid(key);
    return value;
  }

  strings(key: string): string[] {
    const value = this.value[key];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw this.invalid(key);
    return value as string[];
  }

  number(key: string): number {
    const value = this.value[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.invalid(key);
    return value;
  }

  timestamp(key: string): string {
    const value = this.string(key);
    if (Number.isNaN(Date.parse(value))) throw this.invalid(key);
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const match = allowed.find((candidate) => candidate === this.value[key]);
    if (match === undefined) throw this.invalid(key);
    return match;
  }

  object(key: string): Fields {
    return new Fields(this.value[key], `${this.path}.${key}`);
  }

  list<T>(key: string, decode: (item: Fields) => T): T[] {
    const value = this.value[key];
    if (!Array.isArray(value)) throw this.invalid(key);
    return value.map((item: unknown, index) => decode(new Fields(item, `${this.path}.${key}[${index}]`)));
  }

  invalid(key: string): StateFileFormatError {
    return new StateFileFormatError(`does not hold emulator state (${this.path}.${key} is missing or malformed)`);
  }
}
