import { createHash } from 'node:crypto';
import type { RunningEmulator } from '../src/emulator';
import { connectAccount, consent, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import { freePort } from './support/service-process';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

const TOKEN = 'deletion-test_verification-token-0123456789';
const PATH = '/api/ebay/notifications/account-deletion';

type Row = Record<string, unknown>;

/**
 * Marketplace Account Deletion end to end: the emulated eBay checks the endpoint, signs
 * notifications with its own key and POSTs them over HTTP; the service verifies them against
 * the key it fetches from the emulated Notification API and erases on the real PostgreSQL.
 */
describe('Marketplace Account Deletion', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  let endpointUrl: string;
  let orgA: SignedInUser;
  let orgB: SignedInUser;

  async function rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return withDatabase(t.database.url, async (client) => (await client.query(sql, params)).rows as Row[]);
  }
  const accountRows = (ids: string[]): Promise<Row[]> =>
    rows('SELECT * FROM ebay_accounts WHERE id = ANY($1) ORDER BY id', [ids]);
  const tokenRows = (ids: string[]): Promise<Row[]> =>
    rows('SELECT * FROM ebay_tokens WHERE ebay_account_id = ANY($1) ORDER BY ebay_account_id', [ids]);
  const auditRows = (): Promise<Row[]> => rows('SELECT * FROM ebay_account_deletions ORDER BY erased_at');

  /** What a user would see of the rest of the service: everything but the named accounts. */
  async function everythingBut(ids: string[]): Promise<Row> {
    return {
      users: await rows('SELECT * FROM users ORDER BY id'),
      accounts: await rows('SELECT * FROM ebay_accounts WHERE NOT id = ANY($1) ORDER BY id', [ids]),
      tokens: await rows('SELECT * FROM ebay_tokens WHERE NOT ebay_account_id = ANY($1) ORDER BY id', [ids]),
      scopes: await rows('SELECT * FROM ebay_authorizations ORDER BY id'),
    };
  }

  function post(body: string, signature?: string): Promise<Response> {
    return fetch(endpointUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { 'x-ebay-signature': signature }) },
      body,
    });
  }

  function withKid(signature: string, kid: string): string {
    const fields = JSON.parse(Buffer.from(signature, 'base64').toString('utf8')) as Record<string, unknown>;
    return Buffer.from(JSON.stringify({ ...fields, kid })).toString('base64');
  }

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    const port = await freePort();
    endpointUrl = `http://127.0.0.1:${port}${PATH}`;
    t = await startConnectedApp(emulator, {
      port,
      env: { EBAY_DELETION_VERIFICATION_TOKEN: TOKEN, EBAY_DELETION_ENDPOINT_URL: endpointUrl },
    });
    orgA = await registerAndLogin(t.http);
    orgB = await registerAndLogin(t.http);
  });
  afterAll(async () => {
    await t?.close();
    await emulator?.close();
  });

  it('answers eBay’s endpoint check with sha256(code + token + URL), which the emulated eBay accepts', async () => {
    const code = 'c0ffee-71b2-4f0e-9a51-0d4f1f6b1c2a';
    const response = await t.http.get(PATH).query({ challenge_code: code }).expect(200);

    expect(response.headers['content-type']).toMatch(/^application\/json\b/);
    expect(response.body).toEqual({ challengeResponse: createHash('sha256').update(`${code}${TOKEN}${endpointUrl}`).digest('hex') });
    expect(response.text.charCodeAt(0)).toBe('{'.charCodeAt(0));
    await expect(control.registerAccountDeletionEndpoint({ endpointUrl, verificationToken: TOKEN })).resolves.toMatchObject({ endpointUrl });
    // eBay would refuse an endpoint answering for another token.
    await expect(control.registerAccountDeletionEndpoint({ endpointUrl, verificationToken: `x${TOKEN}` })).rejects.toThrow(/409/);
    await control.registerAccountDeletionEndpoint({ endpointUrl, verificationToken: TOKEN });
  });

  it('refuses a challenge without a code, with a huge one, or with other parameters', async () => {
    for (const query of [{}, { challenge_code: '' }, { challenge_code: 'x'.repeat(513) }, { challenge_code: 'a', other: 'b' }]) {
      const response = await t.http.get(PATH).query(query).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, requestId: expect.any(String) });
    }
  });

  it('erases that eBay user’s accounts in every organisation in one go, and nothing else', async () => {
    const a1 = await connectAccount(t, orgA, { ebayUser: 'seller_one' });
    const b1 = await connectAccount(t, orgB, { ebayUser: 'seller_one', query: { houseName: 'Main store' } });
    const a2 = await connectAccount(t, orgA, { ebayUser: 'seller_two' });
    const erased = [a1.id, b1.id];
    const untouched = await everythingBut(erased);
    const scopesBefore = await rows('SELECT * FROM ebay_authorizations WHERE ebay_account_id = ANY($1) ORDER BY id', [erased]);
    await control.clearStats();

    const delivery = await control.sendAccountDeletion({ username: 'seller_one' });

    expect(delivery.status).toBe(204);
    expect(await everythingBut(erased)).toEqual(untouched);
    const accounts = await accountRows(erased);
    expect(accounts.map((row) => [row.id, row.is_active, row.username, row.house_name])).toEqual(
      [
        [a1.id, false, null, `Deleted-${a1.id.slice(0, 8)}`],
        [b1.id, false, null, 'Main store'],
      ].sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
    );
    expect(accounts.every((row) => row.deleted_at instanceof Date)).toBe(true);
    expect((await tokenRows(erased)).map((row) => [row.access_token, row.refresh_token, row.next_refresh_at])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(await rows('SELECT * FROM ebay_authorizations WHERE ebay_account_id = ANY($1) ORDER BY id', [erased])).toEqual(scopesBefore);

    // The audit keeps the notification, the eBay user and the time: nothing more.
    const audit = await auditRows();
    expect(audit).toHaveLength(1);
    expect(Object.keys(audit[0]).sort()).toEqual(['ebay_user_id', 'erased_at', 'notification_id']);
    expect(audit[0]).toMatchObject({ notification_id: delivery.notificationId, ebay_user_id: delivery.userId });
    expect(t.logs.text).not.toContain('seller_one');

    const seen = await t.http.get(`/api/ebay-accounts/${a1.id}`).set(orgA.auth).expect(200);
    expect(seen.body).toMatchObject({ status: 'deleted', isActive: false, username: null, deletedAt: expect.any(String) });
    const listed = await t.http.get('/api/ebay-accounts').set(orgA.auth).expect(200);
    expect(listed.body.items.find((item: { id: string }) => item.id === a1.id)).toEqual(seen.body);
    await t.http.post(`/api/ebay-accounts/${a2.id}/refresh-token`).set(orgA.auth).expect(200);

    // One application token and one key fetch; the next notifications use both from memory.
    const stats = await control.stats();
    expect(stats.calls.publicKey).toBe(1);
    expect(stats.tokenGrants.client_credentials).toBe(1);
  });

  it('changes nothing when eBay sends the same notification again, or two copies at once', async () => {
    const [first] = await auditRows();
    const accountsBefore = await rows('SELECT * FROM ebay_accounts ORDER BY id');

    const again = await control.sendAccountDeletion({ username: 'seller_one', notificationId: String(first.notification_id), publishAttemptCount: 2 });
    expect(again.status).toBe(204);
    expect(await rows('SELECT * FROM ebay_accounts ORDER BY id')).toEqual(accountsBefore);
    expect(await auditRows()).toEqual([first]);

    const victim = await connectAccount(t, orgA, { ebayUser: 'seller_three' });
    const signed = await control.signAccountDeletion({ username: 'seller_three' });
    const answers = await Promise.all([post(signed.body, signed.signature), post(signed.body, signed.signature), post(signed.body, signed.signature)]);

    expect(answers.map((answer) => answer.status)).toEqual([204, 204, 204]);
    expect((await auditRows()).map((row) => row.notification_id)).toEqual([first.notification_id, signed.notificationId]);
    expect((await accountRows([victim.id]))[0]).toMatchObject({ is_active: false, username: null });
    expect((await control.stats()).calls.publicKey).toBe(1);
  });

  it('refuses with 412 and deletes nothing when the signature does not verify', async () => {
    const victim = await connectAccount(t, orgB, { ebayUser: 'seller_quiet' });
    const signed = await control.signAccountDeletion({ username: 'seller_quiet' });
    const other = await control.signAccountDeletion({ username: 'seller_quiet' });
    const before = { account: await accountRows([victim.id]), token: await tokenRows([victim.id]), audit: await auditRows() };
    // One character of the notification id changed (to another one: the id may end in 0).
    const changed = signed.notificationId.endsWith('0') ? '1' : '0';
    const tampered = signed.body.replace(signed.notificationId, `${signed.notificationId.slice(0, -1)}${changed}`);
    expect(tampered).not.toBe(signed.body);
    const reformatted = JSON.stringify(JSON.parse(signed.body), null, 2);

    const refused = [
      await post(tampered, signed.signature),
      await post(reformatted, signed.signature),
      await post(signed.body, other.signature),
      await post(signed.body, withKid(signed.signature, 'no-such-kid')),
      await post(signed.body),
      await post(signed.body, 'not base64 json'),
      await post(signed.body, Buffer.from('{"alg":"ecdsa"}').toString('base64')),
    ];

    for (const response of refused) {
      expect(response.status).toBe(412);
      expect(await response.json()).toMatchObject({ statusCode: 412, code: 'signature_invalid', requestId: expect.any(String) });
    }
    expect({ account: await accountRows([victim.id]), token: await tokenRows([victim.id]), audit: await auditRows() }).toEqual(before);
    // The unknown kid cost one lookup at eBay, with the application token it already had.
    const stats = await control.stats();
    expect([stats.calls.publicKey, stats.tokenGrants.client_credentials]).toEqual([2, 1]);

    // An application token eBay stopped accepting is replaced once, and the lookup retried.
    await control.invalidateAccessTokens();
    expect((await post(signed.body, withKid(signed.signature, 'another-unknown-kid'))).status).toBe(412);
    expect((await control.stats()).tokenGrants.client_credentials).toBe(2);

    expect((await post(signed.body, signed.signature)).status).toBe(204);
    expect((await accountRows([victim.id]))[0]).toMatchObject({ is_active: false, username: null });
  });

  it('answers 503 while eBay’s Notification API cannot answer, so that eBay sends it again', async () => {
    const signed = await control.signAccountDeletion({ username: 'seller_two' });
    await control.addFault({ endpoint: 'publicKey', mode: 'status', status: 503 });

    const response = await post(signed.body, withKid(signed.signature, 'a-kid-not-cached'));
    expect(response.status).toBe(503);
    expect(await rows(`SELECT is_active FROM ebay_accounts WHERE username = 'seller_two'`)).toEqual([{ is_active: true }]);
  });

  it('answers 400 to a verified notification of another topic and to malformed JSON', async () => {
    const otherTopic = await control.signAccountDeletion({ username: 'seller_two', topic: 'ITEM_SOLD' });
    const response = await post(otherTopic.body, otherTopic.signature);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'unsupported_topic' });

    expect((await post('{"metadata":', 'x')).status).toBe(400);
    expect(await rows(`SELECT is_active FROM ebay_accounts WHERE username = 'seller_two'`)).toEqual([{ is_active: true }]);
  });

  it('answers 204 for an eBay user it holds nothing about, and keeps no record of them', async () => {
    const before = await auditRows();
    const delivery = await control.sendAccountDeletion({ userId: 'someone-who-never-connected', username: 'stranger' });

    expect(delivery.status).toBe(204);
    expect(await auditRows()).toEqual(before);
  });

  it('does not let an organisation reconnect or rename an account whose eBay user was deleted', async () => {
    const { callbackPath } = await consent(t, orgA, { ebayUser: 'seller_one' });
    const reconnect = await t.http.get(callbackPath).expect(409);
    expect(reconnect.body).toMatchObject({ code: 'ebay_account_deleted' });

    const [deleted] = await rows(`SELECT id FROM ebay_accounts WHERE org_id = $1 AND deleted_at IS NOT NULL LIMIT 1`, [orgA.id]);
    const rename = await t.http.patch(`/api/ebay-accounts/${String(deleted.id)}`).set(orgA.auth).send({ houseName: 'Back again' }).expect(409);
    expect(rename.body).toMatchObject({ code: 'ebay_account_deleted' });
  });
});
