import type { RunningEmulator } from '../src/emulator';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import { createTestDatabase, type TestDatabase, withDatabase } from './support/test-database';
import { registerAndLogin } from './support/users';

describe('the proxy’s audit when the service stops', () => {
  let emulator: RunningEmulator;
  let database: TestDatabase;

  beforeAll(async () => {
    ({ emulator } = await startTestEbay());
    database = await createTestDatabase({ migrated: true });
  });
  afterAll(async () => {
    await database?.drop();
    await emulator?.close();
  });

  it('stores the calls made just before the app closes, whose batch was still waiting', async () => {
    const t = await startConnectedApp(emulator, { database });
    const alice = await registerAndLogin(t.http);
    const account = await connectAccount(t, alice, { ebayUser: 'seller_one' });
    for (let i = 0; i < 3; i++) {
      await t.http.get(`/api/ebay-accounts/${account.id}/ebay/sell/fulfillment/v1/order?limit=1`).set(alice.auth).expect(200);
    }
    // Closed at once: the batch's 200 ms have not passed.
    await t.close();

    const rows = await withDatabase(database.url, (client) =>
      client.query('SELECT method, status FROM ebay_api_calls WHERE ebay_account_id = $1', [account.id]),
    );
    expect(rows.rows).toEqual([
      { method: 'GET', status: 200 },
      { method: 'GET', status: 200 },
      { method: 'GET', status: 200 },
    ]);
  });
});
