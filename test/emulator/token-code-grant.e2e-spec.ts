import { DEFAULT_EMULATOR_APP, EBAY_SCOPES, type TokenResponseBody } from '../../src/emulator';
import {
  ACCEPT_URL,
  approve,
  basicAuth,
  DECLINE_URL,
  exchangeCode,
  OTHER_APP,
  postToken,
  registerOtherApp,
  startTestEmulator,
  TEST_RUNAME,
  type TestEmulator,
} from './emulator-test-kit';

const INVALID_CODE = {
  error: 'invalid_grant',
  error_description: 'the provided authorization grant code is invalid or was issued to another client',
};

describe('emulator: token endpoint, authorization_code grant and request checks', () => {
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

  describe('authorization_code grant', () => {
    it("exchanges a code for eBay's user token body, key for key", async () => {
      const response = await exchangeCode(t.baseUrl, await approve(t.baseUrl));

      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as TokenResponseBody;
      expect(Object.keys(body).sort()).toEqual(
        ['access_token', 'expires_in', 'refresh_token', 'refresh_token_expires_in', 'token_type'].sort(),
      );
      expect(body).toMatchObject({ expires_in: 7200, refresh_token_expires_in: 47_304_000, token_type: 'User Access Token' });
      expect(body.access_token).toMatch(/^v\^1\.1#i\^1#/);
      expect(body.access_token.length).toBeGreaterThan(1500);
      expect(body.refresh_token).toMatch(/^v\^1\.1#i\^1#.*r\^1/);
    });

    it('refuses a code the second time with invalid_grant', async () => {
      const code = await approve(t.baseUrl);
      expect((await exchangeCode(t.baseUrl, code)).status).toBe(200);

      const again = await exchangeCode(t.baseUrl, code);

      expect(again.status).toBe(400);
      expect(await again.json()).toEqual(INVALID_CODE);
    });

    it('accepts a code until its 299 seconds are up and refuses it after', async () => {
      const fresh = await approve(t.baseUrl);
      const stale = await approve(t.baseUrl);
      await t.control.setClockOffset(298);
      expect((await exchangeCode(t.baseUrl, fresh)).status).toBe(200);

      await t.control.setClockOffset(300);
      const expired = await exchangeCode(t.baseUrl, stale);

      expect(expired.status).toBe(400);
      expect(await expired.json()).toEqual(INVALID_CODE);
    });

    it('refuses a code sent with another RuName than the consent named, and keeps it for the right one', async () => {
      t.emulator.registerRuName(DEFAULT_EMULATOR_APP.clientId, {
        ruName: 'Second-RuName',
        acceptUrl: ACCEPT_URL,
        declineUrl: DECLINE_URL,
      });
      const code = await approve(t.baseUrl);

      const wrong = await exchangeCode(t.baseUrl, code, 'Second-RuName');
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toEqual(INVALID_CODE);
      expect((await exchangeCode(t.baseUrl, code, TEST_RUNAME)).status).toBe(200);
    });

    it('refuses a code issued to another app', async () => {
      const code = await approve(t.baseUrl);

      const response = await postToken(t.baseUrl, {
        authorization: basicAuth(OTHER_APP),
        form: { grant_type: 'authorization_code', code, redirect_uri: TEST_RUNAME },
      });

      expect(response.status).toBe(400);
      expect(await response.json()).toEqual(INVALID_CODE);
    });

    it('refuses a made-up code and a code URL-encoded twice', async () => {
      const code = await approve(t.baseUrl);
      for (const bad of ['v^1.1#i^1#f^0#r^1#I^3#p^3#t^bm9wZQ==', encodeURIComponent(code)]) {
        const response = await exchangeCode(t.baseUrl, bad);
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual(INVALID_CODE);
      }
    });

    it("exchanges a code sent unencoded in the form body, as eBay's Node OAuth client sends it", async () => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const code = await approve(t.baseUrl);
        const form = `grant_type=authorization_code&code=${code}&redirect_uri=${TEST_RUNAME}`;

        const response = await postToken(t.baseUrl, { form });

        expect(response.status).toBe(200);
        const { refresh_token: refreshToken = '' } = (await response.json()) as TokenResponseBody;
        const refreshed = await postToken(t.baseUrl, { form: `grant_type=refresh_token&refresh_token=${refreshToken}` });
        expect(refreshed.status).toBe(200);
      }
    });

    it('answers invalid_request when code or redirect_uri is missing', async () => {
      const code = await approve(t.baseUrl);
      const forms: Record<string, string>[] = [
        { grant_type: 'authorization_code', redirect_uri: TEST_RUNAME },
        { grant_type: 'authorization_code', code },
      ];
      for (const form of forms) {
        const response = await postToken(t.baseUrl, { form });
        expect(response.status).toBe(400);
        expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
      }
    });
  });

  describe('client authentication and request shape', () => {
    it.each([
      ['no Authorization header', null],
      ['a wrong secret', basicAuth({ clientId: DEFAULT_EMULATOR_APP.clientId, clientSecret: 'wrong' })],
      ['an unknown client id', basicAuth({ clientId: 'Nobody-PRD-1', clientSecret: DEFAULT_EMULATOR_APP.clientSecret })],
      ['a Bearer header', 'Bearer abc'],
      ['Basic without a colon', `Basic ${Buffer.from('no-colon').toString('base64')}`],
    ])('answers 401 invalid_client to %s', async (_case, authorization) => {
      const response = await postToken(t.baseUrl, {
        authorization,
        form: { grant_type: 'client_credentials', scope: EBAY_SCOPES.public },
      });

      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'invalid_client', error_description: 'client authentication failed' });
    });

    it('refuses a JSON body with invalid_request', async () => {
      const response = await postToken(t.baseUrl, {
        contentType: 'application/json',
        form: JSON.stringify({ grant_type: 'client_credentials', scope: EBAY_SCOPES.public }),
      });

      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: 'invalid_request',
        error_description: 'request is missing a required parameter or malformed.',
      });
    });

    it('accepts a form body with a charset', async () => {
      const response = await postToken(t.baseUrl, {
        contentType: 'application/x-www-form-urlencoded; charset=UTF-8',
        form: { grant_type: 'client_credentials', scope: EBAY_SCOPES.public },
      });

      expect(response.status).toBe(200);
    });

    it.each([
      ['a missing grant_type', 'scope=x', 'invalid_request'],
      ['a repeated parameter', 'grant_type=client_credentials&grant_type=client_credentials&scope=x', 'invalid_request'],
      ['grant_type=password', 'grant_type=password&username=a&password=b', 'unsupported_grant_type'],
    ])('answers 400 to %s', async (_case, form, error) => {
      const response = await postToken(t.baseUrl, { form });

      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe(error);
    });
  });
});
