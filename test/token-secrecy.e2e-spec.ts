import { randomBytes } from 'node:crypto';
import type { RunningEmulator } from '../src/emulator';
import { TokenCipher } from '../src/tokens/token-cipher';
import { tokenContext } from '../src/tokens/token-context';
import { reencryptAllTokens } from '../src/tokens/token-reencryptor';
import { TokenService } from '../src/tokens/token.service';
import { DataSource } from 'typeorm';
import { connectAccount, startConnectedApp, startReplica, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import { TEST_ENCRYPTION_KEYS, type TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

interface StoredRow {
  ebay_account_id: string;
  access_token: string;
  refresh_token: string;
}

describe('token secrecy', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  let user: SignedInUser;
  /** Every response body this file received from the service. */
  const bodies: string[] = [];
  /** Every token value eBay issued to the service during this file. */
  const issued = new Set<string>();

  async function storedRows(): Promise<StoredRow[]> {
    const result = await withDatabase(t.database.url, (client) =>
      client.query('SELECT ebay_account_id, access_token, refresh_token FROM ebay_tokens WHERE refresh_token IS NOT NULL'),
    );
    return result.rows as StoredRow[];
  }

  /** Reads the tokens eBay issued so far, through the service's own key. */
  async function collectIssuedTokens(): Promise<void> {
    const cipher = t.app.get(TokenCipher);
    for (const row of await storedRows()) {
      issued.add(cipher.decrypt(row.access_token, tokenContext(row.ebay_account_id, 'access_token')));
      issued.add(cipher.decrypt(row.refresh_token, tokenContext(row.ebay_account_id, 'refresh_token')));
    }
  }

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    t = await startConnectedApp(emulator);
    user = await registerAndLogin(t.http);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it('never sends a token value in a response nor writes one to the log, through connect, refresh and failures', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_one' });
    bodies.push(JSON.stringify(account));
    await collectIssuedTokens();

    const path = `/api/ebay-accounts/${account.id}`;
    bodies.push((await t.http.post(`${path}/refresh-token`).set(user.auth).expect(200)).text);
    await collectIssuedTokens();
    bodies.push((await t.http.get('/api/ebay-accounts').set(user.auth).expect(200)).text);
    bodies.push((await t.http.get(path).set(user.auth).expect(200)).text);
    await control.addFault({ endpoint: 'token', grantType: 'refresh_token', mode: 'status', status: 500, count: 1 });
    bodies.push((await t.http.post(`${path}/refresh-token`).set(user.auth).expect(503)).text);
    await control.revokeRefreshTokens('seller_one');
    bodies.push((await t.http.post(`${path}/refresh-token`).set(user.auth).expect(409)).text);
    bodies.push((await t.http.patch(path).set(user.auth).send({ houseName: 'Renamed' }).expect(200)).text);
    bodies.push((await t.http.delete(path).set(user.auth).expect(200)).text);

    expect(issued.size).toBeGreaterThanOrEqual(3);
    const logs = t.logs.text;
    expect(logs).toContain('Refreshed an access token');
    for (const token of issued) {
      for (const body of bodies) expect(body).not.toContain(token);
      expect(logs).not.toContain(token);
      // Nor the parts that make a token a token (its random tail).
      expect(logs).not.toContain(token.slice(-24));
    }
  });

  it('stores only ciphertext, bound to its account and column', async () => {
    await connectAccount(t, user, { ebayUser: 'seller_two' });
    await collectIssuedTokens();
    const dump = await withDatabase(t.database.url, (client) =>
      client.query(`SELECT t::text AS row FROM ebay_tokens t UNION ALL SELECT a::text FROM ebay_authorizations a`),
    );
    const text = dump.rows.map((row: { row: string }) => row.row).join('\n');

    for (const row of await storedRows()) {
      expect(row.access_token).toMatch(/^v1\.test1\./);
      expect(row.refresh_token).toMatch(/^v1\.test1\./);
    }
    for (const token of issued) expect(text).not.toContain(token);
    expect(text).not.toMatch(/v\^1\.1#/);
  });

  it('answers a clear error, never garbage, when the configured key cannot read the tokens', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_three' });
    const wrongKey = `other:${randomBytes(32).toString('base64')}`;
    const misconfigured = await startReplica(emulator, { database: t.database, env: { TOKEN_ENCRYPTION_KEYS: wrongKey } });
    try {
      await expect(misconfigured.app.get(TokenService).getAccessToken(account.id)).rejects.toThrow(
        'A stored token was encrypted with key "test1", which is not in TOKEN_ENCRYPTION_KEYS',
      );
      const response = await misconfigured.http.post(`/api/ebay-accounts/${account.id}/refresh-token`).set(user.auth).expect(503);
      expect(response.body).toMatchObject({ code: 'token_decryption_failed', message: expect.stringContaining('"test1"') });

      const sameIdOtherKey = `test1:${randomBytes(32).toString('base64')}`;
      const impostor = await startReplica(emulator, { database: t.database, env: { TOKEN_ENCRYPTION_KEYS: sameIdOtherKey } });
      try {
        await expect(impostor.app.get(TokenService).getAccessToken(account.id)).rejects.toThrow(
          'the key is wrong or the data was altered',
        );
      } finally {
        await impostor.close();
      }
    } finally {
      await misconfigured.close();
    }
  });

  it('rotates keys: a new first key reads the old tokens, re-encryption moves them, then the old key can go', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_quiet' });
    const before = await t.app.get(TokenService).getAccessToken(account.id);
    const newKey = `test2:${randomBytes(32).toString('base64')}`;

    const rotated = await startReplica(emulator, { database: t.database, env: { TOKEN_ENCRYPTION_KEYS: `${newKey},${TEST_ENCRYPTION_KEYS}` } });
    try {
      await expect(rotated.app.get(TokenService).getAccessToken(account.id)).resolves.toBe(before);
      const moved = await reencryptAllTokens(rotated.app.get(DataSource), rotated.app.get(TokenCipher));
      expect(moved).toBeGreaterThanOrEqual(1);
      expect(await reencryptAllTokens(rotated.app.get(DataSource), rotated.app.get(TokenCipher))).toBe(0);
    } finally {
      await rotated.close();
    }
    for (const row of await storedRows()) expect(row.refresh_token).toMatch(/^v1\.test2\./);

    const newOnly = await startReplica(emulator, { database: t.database, env: { TOKEN_ENCRYPTION_KEYS: newKey } });
    try {
      await expect(newOnly.app.get(TokenService).getAccessToken(account.id)).resolves.toBe(before);
    } finally {
      await newOnly.close();
    }
  });
});
