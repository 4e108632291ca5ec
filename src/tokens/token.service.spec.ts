import type { Clock } from '../common/time/clock';
import type { TokensConfig } from '../config/configuration';
import type { EbayAuthorizationRepository } from './ebay-authorization.repository';
import type { EbayTokenRepository, StoredAccessToken } from './ebay-token.repository';
import type { GrantCounter } from './grant-counter';
import { TokenCipher } from './token-cipher';
import type { TokenUseMarker } from './token-use-marker';
import { tokenContext } from './token-context';
import type { AccessToken, RefreshTrigger, TokenRefresher } from './token-refresher';
import type { TokenSummaryRepository } from './token-summary.repository';
import { TokenService } from './token.service';
import { AccountNotConnectedError, ReauthRequiredError, TokenRefreshUnavailableError } from './tokens.errors';

const ACCOUNT = '6f1c2f0e-2b7d-4f0e-9a51-0d4f1f6b1c2a';
const NOW = new Date('2026-11-23T10:00:00.000Z');
const inSeconds = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const config = { refreshHorizonSeconds: 900, encryptionKeys: [{ id: 'k1', key: Buffer.alloc(32, 1) }] } as unknown as TokensConfig;
const cipher = new TokenCipher(config);

function storedRow(overrides: Partial<StoredAccessToken> = {}): StoredAccessToken {
  return {
    accessToken: cipher.encrypt('old-access-token', tokenContext(ACCOUNT, 'access_token')),
    status: 'active',
    expiresAt: inSeconds(7000),
    isConnected: true,
    ...overrides,
  };
}

function setUp(row: StoredAccessToken | null) {
  const clock = { now: () => NOW } as Clock;
  const tokens = { findAccessToken: jest.fn(async () => row) } as unknown as EbayTokenRepository;
  const triggers: RefreshTrigger[] = [];
  let release: (token: AccessToken) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const refresher = {
    refresh: jest.fn((_accountId: string, trigger: RefreshTrigger) => {
      triggers.push(trigger);
      return new Promise<AccessToken>((resolve, reject) => {
        release = resolve;
        fail = reject;
      });
    }),
  } as unknown as TokenRefresher;
  const uses = { mark: jest.fn() } as unknown as TokenUseMarker;
  const service = new TokenService(
    tokens,
    {} as EbayAuthorizationRepository,
    refresher,
    uses,
    {} as GrantCounter,
    cipher,
    clock,
    config,
    {} as TokenSummaryRepository,
  );
  return {
    service,
    tokens,
    refresher,
    triggers,
    release: (value: string) => release({ value, expiresAt: inSeconds(7200) }),
    fail: (error: Error) => fail(error),
  };
}

describe('TokenService.getAccessToken', () => {
  it('hands out the stored token while it is valid beyond the margin, reading it once', async () => {
    const { service, tokens, refresher } = setUp(storedRow());

    expect(await service.getAccessToken(ACCOUNT)).toBe('old-access-token');
    expect(await service.getAccessToken(ACCOUNT)).toBe('old-access-token');
    expect(tokens.findAccessToken).toHaveBeenCalledTimes(1);
    expect(refresher.refresh).not.toHaveBeenCalled();
  });

  it('refreshes once for 100 concurrent callers when the token is within the margin', async () => {
    const { service, refresher, triggers, release } = setUp(storedRow({ expiresAt: inSeconds(120) }));

    const callers = Promise.all(Array.from({ length: 100 }, () => service.getAccessToken(ACCOUNT)));
    await new Promise((resolve) => setImmediate(resolve));
    release('new-access-token');

    expect(new Set(await callers)).toEqual(new Set(['new-access-token']));
    expect(refresher.refresh).toHaveBeenCalledTimes(1);
    expect(triggers).toEqual([{ kind: 'expiring', seconds: 300 }]);
  });

  it('keeps serving a still-valid token when eBay is briefly unavailable', async () => {
    const { service, fail } = setUp(storedRow({ expiresAt: inSeconds(200) }));

    const pending = service.getAccessToken(ACCOUNT);
    await new Promise((resolve) => setImmediate(resolve));
    fail(new TokenRefreshUnavailableError('ebay_http_503', 30));

    expect(await pending).toBe('old-access-token');
  });

  it('does not fall back on a token about to expire, nor after a refusal', async () => {
    const nearlyExpired = setUp(storedRow({ expiresAt: inSeconds(10) }));
    const pending = nearlyExpired.service.getAccessToken(ACCOUNT);
    await new Promise((resolve) => setImmediate(resolve));
    nearlyExpired.fail(new TokenRefreshUnavailableError('ebay_http_503', 30));
    await expect(pending).rejects.toBeInstanceOf(TokenRefreshUnavailableError);

    const refused = setUp(storedRow({ expiresAt: inSeconds(200) }));
    const refusedPending = refused.service.getAccessToken(ACCOUNT);
    await new Promise((resolve) => setImmediate(resolve));
    refused.fail(new ReauthRequiredError());
    await expect(refusedPending).rejects.toBeInstanceOf(ReauthRequiredError);
  });

  it('refuses at once, without calling eBay, for accounts needing a reconnect or disconnected', async () => {
    const reauth = setUp(storedRow({ status: 'reauth_required', expiresAt: inSeconds(-10) }));
    await expect(reauth.service.getAccessToken(ACCOUNT)).rejects.toBeInstanceOf(ReauthRequiredError);
    expect(reauth.refresher.refresh).not.toHaveBeenCalled();

    const wiped = setUp(storedRow({ accessToken: null, isConnected: false }));
    await expect(wiped.service.getAccessToken(ACCOUNT)).rejects.toBeInstanceOf(AccountNotConnectedError);
    await expect(setUp(null).service.getAccessToken(ACCOUNT)).rejects.toBeInstanceOf(AccountNotConnectedError);
  });
});

describe('TokenService.forceRefresh', () => {
  it('shares one refresh among concurrent forced refreshes and passes the rejected token on', async () => {
    const { service, refresher, triggers, release } = setUp(storedRow());

    const forced = Promise.all([
      service.forceRefresh(ACCOUNT, { rejectedAccessToken: 'old-access-token' }),
      service.forceRefresh(ACCOUNT, { rejectedAccessToken: 'old-access-token' }),
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    release('new-access-token');
    await forced;

    expect(refresher.refresh).toHaveBeenCalledTimes(1);
    expect(triggers).toEqual([{ kind: 'rejected', accessToken: 'old-access-token' }]);
    expect(await service.getAccessToken(ACCOUNT)).toBe('new-access-token');
  });
});
