import { EBAY_SCOPES, startEmulator, type TokenResponseBody } from '../../src/emulator';
import {
  approve,
  basicAuth,
  connectSeller,
  exchangeCode,
  getWithToken,
  OTHER_APP,
  postToken,
  registerOtherApp,
  refresh,
  SELLER_SCOPES,
  startTestEmulator,
  type TestEmulator,
} from './emulator-test-kit';

const INVALID_REFRESH_TOKEN = {
  error: 'invalid_grant',
  error_description: 'the provided authorization refresh token is invalid or was issued to another client',
};

describe('emulator: token endpoint, refresh_token and client_credentials grants', () => {
  let t: TestEmulator;

  beforeAll(async () => {
    t = await startTestEmulator();
    registerOtherApp(t);
  });
  afterAll(async () => {
    await t.emulator.close();
  });
  afterEach(async () => {
    await t.control.setClockOffset(0);
  });

  describe('refresh_token grant', () => {
    it("answers a refresh without a refresh_token key, and the old one keeps working", async () => {
      const tokens = await connectSeller(t.baseUrl);

      const first = await refresh(t.baseUrl, tokens.refresh_token);
      const body = (await first.json()) as TokenResponseBody;
      expect(first.status).toBe(200);
      expect(body).toEqual({ access_token: expect.any(String), expires_in: 7200, token_type: 'User Access Token' });
      expect(body.access_token).not.toBe(tokens.access_token);
      expect((await refresh(t.baseUrl, tokens.refresh_token)).status).toBe(200);
      expect((await getWithToken(t.apizBaseUrl, '/commerce/identity/v1/user/', body.access_token)).status).toBe(200);
    });

    it('gives a token with only the scopes asked for when a subset is sent', async () => {
      const tokens = await connectSeller(t.baseUrl);

      const response = await refresh(t.baseUrl, tokens.refresh_token, [EBAY_SCOPES.public, EBAY_SCOPES.identity]);
      const { access_token: narrow } = (await response.json()) as TokenResponseBody;

      expect(response.status).toBe(200);
      expect((await getWithToken(t.apizBaseUrl, '/commerce/identity/v1/user/', narrow)).status).toBe(200);
      expect((await getWithToken(t.baseUrl, '/sell/fulfillment/v1/order', narrow)).status).toBe(403);
    });

    it('gives a token with every consented scope when no scope is sent', async () => {
      const tokens = await connectSeller(t.baseUrl);

      const { access_token: full } = (await (await refresh(t.baseUrl, tokens.refresh_token)).json()) as TokenResponseBody;

      expect((await getWithToken(t.baseUrl, '/sell/fulfillment/v1/order?limit=1', full)).status).toBe(200);
      expect((await getWithToken(t.apizBaseUrl, '/sell/finances/v1/transaction?limit=1', full)).status).toBe(200);
    });

    it('refuses scopes beyond the consented ones with invalid_scope', async () => {
      const tokens = await connectSeller(t.baseUrl, 'seller_one', [EBAY_SCOPES.public, EBAY_SCOPES.identity]);

      for (const scope of [
        [EBAY_SCOPES.public, EBAY_SCOPES.identity, EBAY_SCOPES.fulfillment],
        ['https://api.ebay.com/oauth/api_scope/not.a.scope'],
      ]) {
        const response = await refresh(t.baseUrl, tokens.refresh_token, scope);
        expect(response.status).toBe(400);
        expect(((await response.json()) as { error: string }).error).toBe('invalid_scope');
      }
    });

    it("refuses a seller's refresh tokens once they are revoked, and no one else's", async () => {
      const one = await connectSeller(t.baseUrl, 'seller_one');
      const two = await connectSeller(t.baseUrl, 'seller_two');

      expect(await t.control.revokeRefreshTokens('seller_one')).toBeGreaterThanOrEqual(1);

      const revoked = await refresh(t.baseUrl, one.refresh_token);
      expect(revoked.status).toBe(400);
      expect(await revoked.json()).toEqual(INVALID_REFRESH_TOKEN);
      expect((await refresh(t.baseUrl, two.refresh_token)).status).toBe(200);
    });

    it("revokes a seller's refresh tokens when their username changes, as eBay does", async () => {
      await t.control.addUser({ username: 'renamed_seller' });
      const tokens = await connectSeller(t.baseUrl, 'renamed_seller');

      await t.control.updateUser('renamed_seller', { username: 'renamed_seller_2' });

      expect(await (await refresh(t.baseUrl, tokens.refresh_token)).json()).toEqual(INVALID_REFRESH_TOKEN);
    });

    it('refuses a refresh token after its 47,304,000 seconds', async () => {
      const tokens = await connectSeller(t.baseUrl);
      await t.control.setClockOffset(47_304_000 - 10);
      expect((await refresh(t.baseUrl, tokens.refresh_token)).status).toBe(200);

      await t.control.setClockOffset(47_304_000);
      expect(await (await refresh(t.baseUrl, tokens.refresh_token)).json()).toEqual(INVALID_REFRESH_TOKEN);
    });

    it('refuses a refresh token issued to another app, or made up', async () => {
      const tokens = await connectSeller(t.baseUrl);

      const foreign = await postToken(t.baseUrl, {
        authorization: basicAuth(OTHER_APP),
        form: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      });
      const madeUp = await refresh(t.baseUrl, 'v^1.1#i^1#p^3#r^1#I^3#f^0#t^made-up');

      expect(await foreign.json()).toEqual(INVALID_REFRESH_TOKEN);
      expect(await madeUp.json()).toEqual(INVALID_REFRESH_TOKEN);
    });
  });

  describe('client_credentials grant', () => {
    it('issues an application token, without a refresh token', async () => {
      const response = await postToken(t.baseUrl, { form: { grant_type: 'client_credentials', scope: EBAY_SCOPES.public } });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        access_token: expect.stringMatching(/^v\^1\.1#i\^1#p\^1#/),
        expires_in: 7200,
        token_type: 'Application Access Token',
      });
    });

    it("refuses selling scopes with invalid_scope, and an application token on a seller's API with 1100", async () => {
      const selling = await postToken(t.baseUrl, {
        form: { grant_type: 'client_credentials', scope: SELLER_SCOPES.join(' ') },
      });
      expect(selling.status).toBe(400);
      expect(((await selling.json()) as { error: string }).error).toBe('invalid_scope');

      const app = await postToken(t.baseUrl, { form: { grant_type: 'client_credentials', scope: EBAY_SCOPES.public } });
      const { access_token } = (await app.json()) as TokenResponseBody;
      const orders = await getWithToken(t.baseUrl, '/sell/fulfillment/v1/order', access_token);
      expect(orders.status).toBe(403);
      expect(((await orders.json()) as { errors: { errorId: number }[] }).errors[0]?.errorId).toBe(1100);
    });

    it('answers invalid_request when scope is missing', async () => {
      const response = await postToken(t.baseUrl, { form: { grant_type: 'client_credentials' } });

      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
    });
  });
});

describe('emulator: token settings', () => {
  it('honours configured lifetimes and, when asked, rotates refresh tokens', async () => {
    const t = await startTestEmulator({ accessTokenTtlSeconds: 60, refreshTokenTtlSeconds: 600, rotateRefreshTokens: true });
    try {
      const code = await approve(t.baseUrl);
      const first = (await (await exchangeCode(t.baseUrl, code)).json()) as TokenResponseBody;
      expect(first).toMatchObject({ expires_in: 60, refresh_token_expires_in: 600 });

      const rotated = (await (await refresh(t.baseUrl, first.refresh_token ?? '')).json()) as TokenResponseBody;
      expect(rotated).toMatchObject({ expires_in: 60, refresh_token: expect.any(String), refresh_token_expires_in: 600 });
      expect(rotated.refresh_token).not.toBe(first.refresh_token);
      expect((await refresh(t.baseUrl, first.refresh_token ?? '')).status).toBe(400);
      expect((await refresh(t.baseUrl, rotated.refresh_token ?? '')).status).toBe(200);
    } finally {
      await t.emulator.close();
    }
  });

  it('refuses lifetimes no eBay could have', async () => {
    await expect(startEmulator({ accessTokenTtlSeconds: 0 })).rejects.toThrow(/accessTokenTtlSeconds/);
  });
});
