import { resolve } from 'node:path';
import type { EbayAccountType, EbayUserStatus } from './ebay-wire.types';

/** How an emulator instance starts. Every field is optional; the defaults mimic eBay. */
export interface EmulatorOptions {
  /** The api (and auth) host's port; 0 (default) picks a free one. */
  port?: number;
  /** The apiz host's port (Identity, Finances, Key Management); 0 (default) picks a free one. */
  apizPort?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default: [DEFAULT_EMULATOR_APP]. */
  apps?: EmulatorApp[];
  /** Default: DEFAULT_TEST_USERS. */
  users?: EmulatorUserSeed[];
  /** Default 7200, eBay's user and application access token life. */
  accessTokenTtlSeconds?: number;
  /** Default 47,304,000 (18 months), eBay's refresh token life. */
  refreshTokenTtlSeconds?: number;
  /** Default 299, what eBay sends as expires_in with a code. */
  authorizationCodeTtlSeconds?: number;
  /** Default false: eBay keeps the refresh token on refresh and sends none back. */
  rotateRefreshTokens?: boolean;
  /**
   * A JSON file that keeps users, their orders and transactions, and live codes and tokens
   * across restarts: loaded at start, written (atomically, mode 0600) soon after every change
   * and on close(). Default: memory only. docs/emulator.md, "State file".
   */
  stateFile?: string;
  /** One line per call and per injected fault, and one when a state file cannot be loaded. Default: silent. */
  log?: (line: string) => void;
}

/** A keyset as eBay's developer portal shows it: App ID, Cert ID and its RuNames. */
export interface EmulatorApp {
  clientId: string;
  clientSecret: string;
  ruNames: EmulatorRuName[];
}

/** eBay's name for a registered pair of accept and decline URLs; the consent request sends the name. */
export interface EmulatorRuName {
  ruName: string;
  acceptUrl: string;
  declineUrl: string;
}

/** A test seller the consent page offers. */
export interface EmulatorUserSeed {
  username: string;
  /** eBay's immutable id; derived from the username when omitted. */
  userId?: string;
  /** Default 'INDIVIDUAL'. */
  accountType?: EbayAccountType;
  /** Default 'EBAY_US'; also picks the currency of the generated orders. */
  registrationMarketplaceId?: string;
  /** Default 'CONFIRMED'. */
  status?: EbayUserStatus;
  /** Orders generated over the last 120 days, each with its transactions. Default 0. */
  orderCount?: number;
}

/**
 * A keyset a newcomer can use with no configuration. Its RuNames are registered at run time.
 * Frozen because it is shared by every emulator in the process: a RuName pushed here would
 * leak into instances started later.
 */
export const DEFAULT_EMULATOR_APP: EmulatorApp = Object.freeze({
  clientId: 'EbayConne-Emulator-SBX-4f1d2c3b5-7e6a9d80',
  clientSecret: 'SBX-4f1d2c3b5a69-7e80-4c1d-9b2a-3e5f',
  ruNames: Object.freeze<EmulatorRuName[]>([]) as EmulatorRuName[],
});

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 7200;
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 47_304_000;
export const DEFAULT_AUTHORIZATION_CODE_TTL_SECONDS = 299;

/** EmulatorOptions with every default filled in and checked. */
export interface EmulatorSettings {
  readonly port: number;
  readonly apizPort: number;
  readonly host: string;
  readonly apps: readonly EmulatorApp[];
  readonly users: readonly EmulatorUserSeed[];
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly authorizationCodeTtlSeconds: number;
  readonly rotateRefreshTokens: boolean;
  /** Absolute. */
  readonly stateFile: string | undefined;
  readonly log: (line: string) => void;
}

/** Fills in the defaults; throws on values no eBay could have (a negative lifetime, a bad port). */
export function resolveEmulatorSettings(
  options: EmulatorOptions,
  defaultUsers: readonly EmulatorUserSeed[],
): EmulatorSettings {
  const settings: EmulatorSettings = {
    port: options.port ?? 0,
    apizPort: options.apizPort ?? 0,
    host: options.host ?? '127.0.0.1',
    apps: options.apps ?? [DEFAULT_EMULATOR_APP],
    users: options.users ?? defaultUsers,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
    authorizationCodeTtlSeconds: options.authorizationCodeTtlSeconds ?? DEFAULT_AUTHORIZATION_CODE_TTL_SECONDS,
    rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    stateFile: options.stateFile === undefined ? undefined : resolve(options.stateFile),
    log: options.log ?? (() => undefined),
  };
  if (options.stateFile === '') throw new RangeError('Emulator stateFile must be a path, got an empty string');
  for (const [name, port] of [
    ['port', settings.port],
    ['apizPort', settings.apizPort],
  ] as const) {
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new RangeError(`Emulator ${name} must be an integer from 0 to 65535, got ${port}`);
    }
  }
  for (const [name, value] of [
    ['accessTokenTtlSeconds', settings.accessTokenTtlSeconds],
    ['refreshTokenTtlSeconds', settings.refreshTokenTtlSeconds],
    ['authorizationCodeTtlSeconds', settings.authorizationCodeTtlSeconds],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`Emulator ${name} must be a positive integer, got ${value}`);
    }
  }
  return settings;
}
