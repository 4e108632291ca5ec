import { randomBytes } from 'node:crypto';
import type { RunningEmulator } from '../src/emulator';
import { secretContext, WebhookSecretCipher } from '../src/events/webhooks/webhook-secret';
import { TokenCipher } from '../src/tokens/token-cipher';
import { tokenContext } from '../src/tokens/token-context';
import { TokenService } from '../src/tokens/token.service';
import type { TokensConfig } from '../src/config/configuration';
import { parseEncryptionKeys } from '../src/config/encryption-keys';
import { runCli } from './support/cli-process';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import { startReplicaProcess } from './support/replica-process';
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
    // Webhook endpoints on this machine, whose secrets the key rotation moves too.
    t = await startConnectedApp(emulator, { env: { WEBHOOK_ALLOW_INSECURE_TARGETS: 'true' } });
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
    const misconfigured = await startReplicaProcess(t.database, emulator, { TOKEN_ENCRYPTION_KEYS: wrongKey });
    try {
      const response = await misconfigured.http.post(`/api/ebay-accounts/${account.id}/refresh-token`).set(user.auth).expect(503);
      expect(response.body).toMatchObject({
        code: 'token_decryption_failed',
        message: 'A stored token was encrypted with key "test1", which is not in TOKEN_ENCRYPTION_KEYS',
      });
    } finally {
      await misconfigured.stop();
    }

    const sameIdOtherKey = `test1:${randomBytes(32).toString('base64')}`;
    const impostor = await startReplicaProcess(t.database, emulator, { TOKEN_ENCRYPTION_KEYS: sameIdOtherKey });
    try {
      const response = await impostor.http.post(`/api/ebay-accounts/${account.id}/refresh-token`).set(user.auth).expect(503);
      expect(response.body.message).toContain('the key is wrong or the data was altered');
    } finally {
      await impostor.stop();
    }
  }, 90_000);

  it('rotates keys: a new first key reads the old tokens and webhook secrets, re-encryption moves them, then the old key can go', async () => {
    const account = await connectAccount(t, user, { ebayUser: 'seller_quiet' });
    // An endpoint mid-rotation holds two secrets, both encrypted under the old key.
    const endpoint = (await t.http.post('/api/webhook-endpoints').set(user.auth).send({ url: 'http://127.0.0.1:9/hooks' }).expect(201)).body;
    const rotatedSecret = (await t.http.post(`/api/webhook-endpoints/${endpoint.id}/rotate-secret`).set(user.auth).expect(200)).body.secret;
    const before = await t.app.get(TokenService).getAccessToken(account.id);
    const newKey = `test2:${randomBytes(32).toString('base64')}`;
    const rotatedKeys = `${newKey},${TEST_ENCRYPTION_KEYS}`;

    const rotated = await startReplicaProcess(t.database, emulator, { TOKEN_ENCRYPTION_KEYS: rotatedKeys });
    try {
      // The refresh decrypts the refresh token written under the old key.
      await rotated.http.post(`/api/ebay-accounts/${account.id}/refresh-token`).set(user.auth).expect(200);
    } finally {
      await rotated.stop();
    }
    // What operators run (npm run tokens:reencrypt), while nothing else changes the rows.
    const reencrypt = () =>
      runCli('reencrypt-tokens.js', [], { env: { DATABASE_URL: t.database.url, TOKEN_ENCRYPTION_KEYS: rotatedKeys } });
    const first = await reencrypt();
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Re-encrypted [1-9]\d* token row\(s\) with key "test2"\.$/m) });
    expect(first.stdout).toContain('Re-encrypted the secrets of 1 webhook endpoint(s) with key "test2".');
    const again = await reencrypt();
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('Re-encrypted 0 token row(s)') });
    expect(again.stdout).toContain('Re-encrypted the secrets of 0 webhook endpoint(s)');
    const rows = await storedRows();
    for (const row of rows) expect(row.refresh_token).toMatch(/^v1\.test2\./);

    // The new key alone reads everything: the old one can go.
    const newOnly = new TokenCipher({ encryptionKeys: parseEncryptionKeys(newKey) } as unknown as TokensConfig);
    const row = rows.find((candidate) => candidate.ebay_account_id === account.id)!;
    expect(newOnly.decrypt(row.refresh_token, tokenContext(account.id, 'refresh_token'))).toMatch(/^v\^1\.1#/);
    // The rotated replica's refresh replaced the access token the old key had written.
    expect(newOnly.decrypt(row.access_token, tokenContext(account.id, 'access_token'))).not.toBe(before);
    expect(newOnly.decrypt(row.access_token, tokenContext(account.id, 'access_token'))).toMatch(/^v\^1\.1#/);
    const {
      rows: [stored],
    } = await withDatabase(t.database.url, (client) => client.query('SELECT secret, previous_secret FROM webhook_endpoints WHERE id = $1', [endpoint.id]));
    expect(stored.secret).toMatch(/^v1\.test2\./);
    expect(stored.previous_secret).toMatch(/^v1\.test2\./);
    const secretsOnlyNew = new WebhookSecretCipher({ encryptionKeys: parseEncryptionKeys(newKey) } as unknown as TokensConfig);
    expect(secretsOnlyNew.decrypt(stored.secret, secretContext(endpoint.id, 'secret'))).toBe(rotatedSecret);
    expect(secretsOnlyNew.decrypt(stored.previous_secret, secretContext(endpoint.id, 'previous_secret'))).toBe(endpoint.secret);
    const replica = await startReplicaProcess(t.database, emulator, { TOKEN_ENCRYPTION_KEYS: newKey });
    try {
      await replica.http.post(`/api/ebay-accounts/${account.id}/refresh-token`).set(user.auth).expect(200);
    } finally {
      await replica.stop();
    }
  }, 120_000);
});
