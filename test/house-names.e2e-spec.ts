import type { RunningEmulator } from '../src/emulator';
import { consent, connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

const FULLWIDTH = 'Ｗａｒｅｈｏｕｓｅ-A';
/** Latin letters with Cyrillic а (U+0430) and А (U+0410): looks like Warehouse-A. */
const CYRILLIC_LOOKALIKE = 'W\u0430rehouse-\u0410';

describe('house names', () => {
  let emulator: RunningEmulator;
  let t: TestApp;

  beforeAll(async () => {
    ({ emulator } = await startTestEbay());
    t = await startConnectedApp(emulator);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  const statesOf = async (user: SignedInUser): Promise<number> => {
    const result = await withDatabase(t.database.url, (client) =>
      client.query('SELECT count(*)::int AS count FROM oauth_states WHERE user_id = $1', [user.id]),
    );
    return result.rows[0].count as number;
  };
  const connectStart = (user: SignedInUser, houseName: string) =>
    t.http.get('/api/ebay/connect').query({ houseName }).set(user.auth);

  it('refuses at connect, before any consent, a name an active account has in another case or width', async () => {
    const user = await registerAndLogin(t.http);
    const existing = await connectAccount(t, user, { ebayUser: 'seller_one', query: { houseName: 'Warehouse-A' } });
    const states = await statesOf(user);

    for (const houseName of ['WAREHOUSE-A', FULLWIDTH, ' warehouse-a ']) {
      const refused = await connectStart(user, houseName).expect(409);
      expect(refused.body).toMatchObject({
        statusCode: 409,
        code: 'house_name_taken',
        message: expect.stringContaining('is called "Warehouse-A"'),
      });
      expect(refused.body.message).toContain('start the connect without houseName');
    }
    expect(await statesOf(user)).toBe(states);

    // The way the message points: a reconnect without houseName keeps the account and its name.
    const reconnected = await connectAccount(t, user, { ebayUser: 'seller_one' });
    expect(reconnected).toMatchObject({ id: existing.id, houseName: 'Warehouse-A', isActive: true });
    // Another organisation may use the name.
    const other = await registerAndLogin(t.http);
    await connectStart(other, 'WAREHOUSE-A').expect(200);
  });

  it('refuses a name mixing scripts with 400 at connect and at rename, naming the scripts', async () => {
    const user = await registerAndLogin(t.http);
    const atConnect = await connectStart(user, CYRILLIC_LOOKALIKE).expect(400);
    expect(atConnect.body.message).toBe('houseName mixes Latin and Cyrillic letters');
    expect(await statesOf(user)).toBe(0);
    expect((await connectStart(user, 'Αlpha store').expect(400)).body.message).toBe(
      'houseName mixes Greek and Latin letters',
    );

    const account = await connectAccount(t, user, { ebayUser: 'seller_two', query: { houseName: 'Склад 2' } });
    const atRename = await t.http.patch(`/api/ebay-accounts/${account.id}`).set(user.auth).send({ houseName: CYRILLIC_LOOKALIKE }).expect(400);
    expect(atRename.body.message).toBe('houseName mixes Latin and Cyrillic letters');
    await t.http.patch(`/api/ebay-accounts/${account.id}`).set(user.auth).send({ houseName: '東京の倉庫 カタカナ A-1' }).expect(200);
  });

  it('refuses a rename to another active account’s name in another case, and allows one to a new case of its own', async () => {
    const user = await registerAndLogin(t.http);
    await connectAccount(t, user, { ebayUser: 'seller_one', query: { houseName: 'Warehouse-A' } });
    const second = await connectAccount(t, user, { ebayUser: 'seller_two', query: { houseName: 'Warehouse-B' } });
    const path = `/api/ebay-accounts/${second.id}`;

    const clash = await t.http.patch(path).set(user.auth).send({ houseName: 'warehouse-a' }).expect(409);
    expect(clash.body.code).toBe('house_name_taken');
    await t.http.patch(path).set(user.auth).send({ houseName: FULLWIDTH }).expect(409);

    const recased = await t.http.patch(path).set(user.auth).send({ houseName: 'WAREHOUSE-B' }).expect(200);
    expect(recased.body.houseName).toBe('WAREHOUSE-B');
    await connectStart(user, 'warehouse-b').expect(409);
  });

  it('does not let a disconnected account block its name', async () => {
    const user = await registerAndLogin(t.http);
    const old = await connectAccount(t, user, { ebayUser: 'seller_three', query: { houseName: 'Warehouse-A' } });
    await t.http.delete(`/api/ebay-accounts/${old.id}`).set(user.auth).expect(200);

    await connectStart(user, 'WAREHOUSE-A').expect(200);
    const taker = await connectAccount(t, user, { ebayUser: 'seller_quiet', query: { houseName: 'WAREHOUSE-A' } });
    expect(taker).toMatchObject({ houseName: 'WAREHOUSE-A', isActive: true });
    const list = await t.http.get('/api/ebay-accounts').set(user.auth).expect(200);
    expect(list.body.items.map((item: { houseName: string; isActive: boolean }) => [item.houseName, item.isActive])).toEqual([
      ['Warehouse-A', false],
      ['WAREHOUSE-A', true],
    ]);
  });

  it('still refuses at the callback a name taken by a connect that finished first', async () => {
    const user = await registerAndLogin(t.http);
    // Both are started, and pass the check, before either completes.
    const first = await consent(t, user, { ebayUser: 'seller_one', query: { houseName: 'Shared name' } });
    const second = await consent(t, user, { ebayUser: 'seller_two', query: { houseName: 'SHARED NAME' } });

    await t.http.get(first.callbackPath).expect(200);
    const clash = await t.http.get(second.callbackPath).expect(409);
    expect(clash.body).toMatchObject({ code: 'house_name_taken', message: expect.stringContaining('"SHARED NAME" is taken') });
    const list = await t.http.get('/api/ebay-accounts').set(user.auth).expect(200);
    expect(list.body.items.map((item: { houseName: string }) => item.houseName)).toEqual(['Shared name']);
  });
});
