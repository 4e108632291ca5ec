import { sleep } from '../src/common/time/sleep';
import type { RunningEmulator } from '../src/emulator';
import { TokenService } from '../src/tokens/token.service';
import { connectAccount, consent, startConnectedApp, startTestEbay } from './support/connected-app';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

const ROUNDS = 100;

/**
 * Disconnect, reconnect and refresh of one account, all at once, a hundred times: the paths
 * that write the account row and its token row take them in one order (docs/modules.md),
 * so none deadlocks, and each round ends in what one of the writers meant — never a mix.
 */
describe('disconnect × reconnect × refresh on one account', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let user: SignedInUser;

  beforeAll(async () => {
    ({ emulator } = await startTestEbay());
    t = await startConnectedApp(emulator, { env: { DATABASE_POOL_SIZE: '12' } });
    user = await registerAndLogin(t.http);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it(`never answers 5xx nor leaves the account half connected, in ${ROUNDS} rounds`, async () => {
    const tokens = t.app.get(TokenService);
    const { id } = await connectAccount(t, user, { ebayUser: 'seller_two' });
    const outcomes = { connected: 0, disconnected: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const { callbackPath } = await consent(t, user, { ebayUser: 'seller_two' });

      // The callback calls eBay twice before its transaction; staggering the disconnect by a
      // few milliseconds makes the two transactions meet in every order over the rounds.
      const [disconnected, reconnected, refreshed] = await Promise.all([
        sleep(round % 12).then(() => t.http.delete(`/api/ebay-accounts/${id}`).set(user.auth)),
        t.http.get(callbackPath),
        tokens.forceRefresh(id).then(
          () => 'refreshed',
          (error: unknown) => (error as { code?: string }).code ?? String(error),
        ),
      ]);

      expect([round, disconnected.status, disconnected.body.message]).toEqual([round, 200, undefined]);
      expect([round, reconnected.status, reconnected.body.message]).toEqual([round, 200, undefined]);
      // A refresh that met a disconnected account says so; nothing else may happen to it.
      expect(['refreshed', 'not_connected']).toContain(refreshed);

      const [row] = (
        await withDatabase(t.database.url, (client) =>
          client.query(
            `SELECT a.is_active, k.refresh_token IS NOT NULL AS has_tokens, k.status
               FROM ebay_accounts a JOIN ebay_tokens k ON k.ebay_account_id = a.id WHERE a.id = $1`,
            [id],
          ),
        )
      ).rows as { is_active: boolean; has_tokens: boolean; status: string }[];
      if (row.is_active) {
        expect([round, row]).toEqual([round, { is_active: true, has_tokens: true, status: 'active' }]);
        // What the reconnect stored works at eBay.
        await tokens.forceRefresh(id);
        outcomes.connected++;
      } else {
        expect([round, row.has_tokens]).toEqual([round, false]);
        outcomes.disconnected++;
      }
    }
    expect(outcomes.connected + outcomes.disconnected).toBe(ROUNDS);
  }, 180_000);
});
