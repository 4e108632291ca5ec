import type { EbayOrder, RunningEmulator } from '../src/emulator';
import { OrderSource } from '../src/sync/order-source';
import { SyncScheduler } from '../src/sync/sync.scheduler';
import { TokenUseMarker } from '../src/tokens/token-use-marker';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import { parsePrometheusText, type PrometheusScrape } from './support/prometheus-text';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

const DAY_MS = 86_400_000;
const BACKFILL_DAYS = 90;
const OVERLAP_SECONDS = 600;
const ORDERS_PAGE = 200;
/** Statuses eBay still moves a transaction on from (TransactionStatusEnum); the rest are final. */
const UNSETTLED: readonly string[] = ['FUNDS_ON_HOLD', 'FUNDS_PROCESSING', 'FUNDS_AVAILABLE_FOR_PAYOUT'];

interface StoredOrder {
  readonly order_id: string;
  readonly last_modified_date: Date;
  readonly fulfillment_status: string;
  readonly payment_status: string;
}

/**
 * The sync against the emulated eBay over HTTP, stored in a real PostgreSQL: backfill,
 * incremental runs, failures mid-paging, orders changing while pages are read, one run per
 * pair, and accounts that need a reconnect.
 */
describe('order and transaction sync', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  let alice: SignedInUser;

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    t = await startConnectedApp(emulator, {
      env: { SYNC_BACKFILL_DAYS: String(BACKFILL_DAYS), SYNC_OVERLAP_SECONDS: String(OVERLAP_SECONDS) },
    });
    alice = await registerAndLogin(t.http);
  });

  afterAll(async () => {
    await t?.close();
    await emulator?.close();
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await control.clearFaults();
    await control.setLatency(0);
  });

  function sync(user: SignedInUser, accountId: string, resource: string) {
    return t.http.post(`/api/ebay-accounts/${accountId}/sync/${resource}`).set(user.auth);
  }

  function status(user: SignedInUser, accountId: string) {
    return t.http.get(`/api/ebay-accounts/${accountId}/sync`).set(user.auth).expect(200);
  }

  function storedOrders(accountId: string): Promise<StoredOrder[]> {
    return withDatabase(t.database.url, async (client) =>
      (await client.query(
        `SELECT order_id, last_modified_date, fulfillment_status, payment_status FROM ebay_orders
          WHERE ebay_account_id = $1 ORDER BY order_id`,
        [accountId],
      )).rows as StoredOrder[],
    );
  }

  async function cursor(accountId: string, resource: string): Promise<Record<string, unknown>> {
    return withDatabase(t.database.url, async (client) =>
      (await client.query('SELECT * FROM ebay_sync_cursors WHERE ebay_account_id = $1 AND resource = $2', [accountId, resource])).rows[0],
    );
  }

  /** What eBay holds that a sync from `fromMs` must have stored, by id. */
  async function ebayOrdersSince(username: string, fromMs: number): Promise<Map<string, EbayOrder>> {
    const orders = await control.orders(username);
    return new Map(orders.filter((order) => Date.parse(order.lastModifiedDate) >= fromMs).map((order) => [order.orderId, order]));
  }

  function expectSameOrders(stored: readonly StoredOrder[], expected: Map<string, EbayOrder>): void {
    const relevant = stored.filter((row) => expected.has(row.order_id));
    expect(relevant).toHaveLength(expected.size);
    for (const row of relevant) {
      const order = expected.get(row.order_id) as EbayOrder;
      expect([row.order_id, row.last_modified_date.toISOString(), row.fulfillment_status, row.payment_status]).toEqual([
        order.orderId,
        order.lastModifiedDate,
        order.orderFulfillmentStatus,
        order.orderPaymentStatus,
      ]);
    }
  }

  async function sellerWithOrders(username: string, orderCount: number): Promise<{ id: string }> {
    await control.addUser({ username, orderCount });
    return connectAccount(t, alice, { ebayUser: username });
  }

  describe('orders of one account', () => {
    let account: { id: string };

    beforeAll(async () => {
      account = await connectAccount(t, alice, { ebayUser: 'seller_one' });
    });

    it('backfills SYNC_BACKFILL_DAYS of orders in pages of 200, and says so in the cursor', async () => {
      const expected = await ebayOrdersSince('seller_one', Date.now() - BACKFILL_DAYS * DAY_MS);
      expect(expected.size).toBeGreaterThan(ORDERS_PAGE);
      const before = (await control.stats()).calls.orders;

      const response = await sync(alice, account.id, 'orders').expect(200);

      expect(response.body).toMatchObject({
        resource: 'orders',
        fetched: expected.size,
        upserted: expected.size,
        ebayCalls: Math.ceil(expected.size / ORDERS_PAGE),
        complete: true,
      });
      expect(response.body.checkpoint).toBe(response.body.startedAt);
      expect((await control.stats()).calls.orders - before).toBe(Math.ceil(expected.size / ORDERS_PAGE));
      expectSameOrders(await storedOrders(account.id), expected);

      const state = (await status(alice, account.id)).body.resources[0];
      expect(state).toMatchObject({
        resource: 'orders',
        checkpoint: response.body.checkpoint,
        unfinished: null,
        running: false,
        progress: null,
        lastRun: { outcome: 'succeeded', fetched: expected.size, upserted: expected.size, ebayCalls: 2 },
        lastError: null,
        skipped: null,
      });
    });

    it('then fetches only what changed since the checkpoint (less the overlap), and updates changed rows', async () => {
      const { checkpoint } = (await status(alice, account.id)).body.resources[0];
      const orders = await control.orders('seller_one');
      const changed = await control.updateOrder('seller_one', orders[5].orderId, { orderFulfillmentStatus: 'FULFILLED' });
      const added = await control.addOrder('seller_one', { total: '42.50' });

      const response = await sync(alice, account.id, 'orders').expect(200);

      const expected = await ebayOrdersSince('seller_one', Date.parse(checkpoint) - OVERLAP_SECONDS * 1000);
      expect(expected.has(changed.orderId) && expected.has(added.orderId)).toBe(true);
      expect(response.body).toMatchObject({ fetched: expected.size, upserted: 2, ebayCalls: 1, complete: true });
      expect(new Date(response.body.checkpoint).getTime()).toBeGreaterThan(new Date(checkpoint).getTime());
      const stored = await storedOrders(account.id);
      expect(stored.find((row) => row.order_id === changed.orderId)?.fulfillment_status).toBe('FULFILLED');
      expect(stored.some((row) => row.order_id === added.orderId)).toBe(true);
      // The read API serves what the sync stored: eBay's order as eBay sent it.
      const ebayNow = (await control.orders('seller_one')).find((order) => order.orderId === changed.orderId);
      const read = await t.http.get(`/api/ebay-accounts/${account.id}/orders/${changed.orderId}`).set(alice.auth).expect(200);
      expect(read.body).toMatchObject({ orderId: changed.orderId, orderFulfillmentStatus: 'FULFILLED', raw: ebayNow });
      const list = await t.http.get(`/api/ebay-accounts/${account.id}/orders`).query({ limit: 1 }).set(alice.auth).expect(200);
      expect(list.body.total).toBe(stored.length);
      expect(list.body.items[0].orderId).toBe(added.orderId);
    });

    it('re-runs without duplicating or rewriting anything', async () => {
      const before = await storedOrders(account.id);

      const response = await sync(alice, account.id, 'orders').expect(200);

      expect(response.body.upserted).toBe(0);
      expect(await storedOrders(account.id)).toEqual(before);
    });

    it('answers 409 with the running sync’s start time to a second request while one runs', async () => {
      await control.setLatency(400);

      const [first, second] = await Promise.all([
        sync(alice, account.id, 'orders'),
        new Promise((resolve) => setTimeout(resolve, 150)).then(() => sync(alice, account.id, 'orders')),
      ]);

      expect(first.status).toBe(200);
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'sync_running', details: { startedAt: expect.any(String) } });
      const startedAt = new Date(second.body.details.startedAt).getTime();
      expect(Math.abs(startedAt - new Date(first.body.startedAt).getTime())).toBeLessThan(1000);
    });

    it('shows 404 for another organisation’s account, and 400 for an unknown resource', async () => {
      const mallory = await registerAndLogin(t.http);

      expect((await sync(mallory, account.id, 'orders').expect(404)).body.code).toBeUndefined();
      await t.http.get(`/api/ebay-accounts/${account.id}/sync`).set(mallory.auth).expect(404);
      expect((await sync(alice, account.id, 'listings').expect(400)).body.code).toBe('unknown_resource');
    });
  });

  describe('transactions', () => {
    it('backfills them, and an empty range (eBay’s 204) is a finished run with nothing fetched', async () => {
      const account = await connectAccount(t, alice, { ebayUser: 'seller_two' });
      const expected = (await control.transactions('seller_two')).filter(
        (transaction) => Date.parse(transaction.transactionDate) >= Date.now() - BACKFILL_DAYS * DAY_MS,
      );
      expect(expected.length).toBeGreaterThan(0);

      const first = await sync(alice, account.id, 'transactions').expect(200);
      const second = await sync(alice, account.id, 'transactions').expect(200);
      // The second run reads again from the oldest transaction stored with a status not yet final.
      const unsettledDates = expected
        .filter((transaction) => UNSETTLED.includes(transaction.transactionStatus))
        .map((transaction) => Date.parse(transaction.transactionDate));
      const rereadFrom = unsettledDates.length === 0 ? Infinity : Math.min(...unsettledDates);
      const reread = expected.filter((transaction) => Date.parse(transaction.transactionDate) >= rereadFrom).length;

      expect(first.body).toMatchObject({ fetched: expected.length, upserted: expected.length, complete: true });
      const stored = await withDatabase(t.database.url, async (client) =>
        (await client.query('SELECT transaction_id, amount_value FROM ebay_transactions WHERE ebay_account_id = $1', [account.id])).rows,
      );
      expect(new Set(stored.map((row) => row.transaction_id))).toEqual(new Set(expected.map((transaction) => transaction.transactionId)));
      expect(stored.map((row) => row.amount_value).sort()).toEqual(expected.map((transaction) => transaction.amount.value).sort());
      // Nothing booked in the overlap and nothing changed: read again, nothing rewritten.
      expect(second.body).toMatchObject({ fetched: reread, upserted: 0, ebayCalls: 1, complete: true });
    });

    it('reads a transaction again until its status is final, though its booking date left the overlap long ago; a final one is not read again', async () => {
      await control.addUser({ username: 'seller_payouts', orderCount: 0 });
      const account = await connectAccount(t, alice, { ebayUser: 'seller_payouts' });
      const daysAgo = (days: number): string => new Date(Date.now() - days * DAY_MS).toISOString();
      const pending = await control.addTransaction('seller_payouts', { transactionStatus: 'FUNDS_PROCESSING', transactionDate: daysAgo(2), amount: '20.00' });
      const paid = await control.addTransaction('seller_payouts', { transactionStatus: 'PAYOUT', transactionDate: daysAgo(3), amount: '5.00' });
      const storedStatus = async (transactionId: string): Promise<string> =>
        withDatabase(t.database.url, async (client) =>
          (await client.query('SELECT transaction_status FROM ebay_transactions WHERE ebay_account_id = $1 AND transaction_id = $2', [account.id, transactionId]))
            .rows[0].transaction_status,
        );
      const ebayTransactionCalls = async (): Promise<number> => (await control.stats()).calls.transactions;

      const backfill = await sync(alice, account.id, 'transactions').expect(200);
      expect(backfill.body).toMatchObject({ fetched: 2, upserted: 2, complete: true });

      // eBay moves the funds on two days after the booking, far outside the overlap.
      await control.updateTransaction('seller_payouts', pending.transactionId, { transactionStatus: 'FUNDS_AVAILABLE_FOR_PAYOUT' });
      let calls = await ebayTransactionCalls();
      const available = await sync(alice, account.id, 'transactions').expect(200);

      // Read from the pending transaction on: it, not the older one already paid out.
      expect(available.body).toMatchObject({ fetched: 1, upserted: 1, ebayCalls: 1, complete: true });
      expect((await ebayTransactionCalls()) - calls).toBe(1);
      expect(await storedStatus(pending.transactionId)).toBe('FUNDS_AVAILABLE_FOR_PAYOUT');
      const listed = await t.http
        .get(`/api/ebay-accounts/${account.id}/transactions`)
        .query({ transactionStatus: 'FUNDS_AVAILABLE_FOR_PAYOUT' })
        .set(alice.auth)
        .expect(200);
      expect(listed.body.items.map((item: { transactionId: string }) => item.transactionId)).toEqual([pending.transactionId]);

      await control.updateTransaction('seller_payouts', pending.transactionId, { transactionStatus: 'PAYOUT' });
      const paidOut = await sync(alice, account.id, 'transactions').expect(200);
      expect(paidOut.body).toMatchObject({ fetched: 1, upserted: 1, ebayCalls: 1 });
      expect(await storedStatus(pending.transactionId)).toBe('PAYOUT');

      // Everything stored is final: the range is the overlap again, empty (eBay's 204), one call.
      calls = await ebayTransactionCalls();
      const settled = await sync(alice, account.id, 'transactions').expect(200);
      expect(settled.body).toMatchObject({ fetched: 0, upserted: 0, ebayCalls: 1, complete: true });
      expect((await ebayTransactionCalls()) - calls).toBe(1);
      expect(await storedStatus(paid.transactionId)).toBe('PAYOUT');
    });
  });

  describe('failures mid-paging', () => {
    it('keeps what an eBay 500 let it store; the checkpoint stays, and the next run carries on from the next page', async () => {
      const account = await sellerWithOrders('seller_failing', 700);
      const expected = await ebayOrdersSince('seller_failing', Date.now() - BACKFILL_DAYS * DAY_MS);
      const pages = Math.ceil(expected.size / ORDERS_PAGE);
      expect(pages).toBeGreaterThanOrEqual(3);
      // The second page fails on every attempt the client makes (one and three retries).
      await control.addFault({ endpoint: 'orders', after: 1, count: 4, mode: 'status', status: 500 });

      const failed = await sync(alice, account.id, 'orders').expect(503);

      expect(failed.body.message).toMatch(/getOrders/);
      expect(await storedOrders(account.id)).toHaveLength(ORDERS_PAGE);
      const state = (await status(alice, account.id)).body.resources[0];
      expect(state).toMatchObject({
        checkpoint: null,
        unfinished: { offset: ORDERS_PAGE },
        running: false,
        // Page 2 was asked for while page 1 was stored.
        lastRun: { outcome: 'failed', fetched: ORDERS_PAGE, ebayCalls: 2 },
        lastError: { message: expect.stringMatching(/HTTP 500/) },
      });

      const resumed = await sync(alice, account.id, 'orders').expect(200);

      expect(resumed.body).toMatchObject({ fetched: expected.size - ORDERS_PAGE, ebayCalls: pages - 1, complete: true });
      // The checkpoint is the first run's start: what changed since it began is asked for again.
      expect(resumed.body.checkpoint).toBe(state.unfinished.startedAt);
      expectSameOrders(await storedOrders(account.id), expected);
      expect((await status(alice, account.id)).body.resources[0]).toMatchObject({ unfinished: null, lastRun: { outcome: 'succeeded' } });
    });

    it('keeps the pages committed before a crash inside the service, and the next run completes', async () => {
      const account = await sellerWithOrders('seller_crashing', 700);
      const expected = await ebayOrdersSince('seller_crashing', Date.now() - BACKFILL_DAYS * DAY_MS);
      const source = t.app.get(OrderSource);
      const upsert = source.upsert.bind(source);
      let pages = 0;
      jest.spyOn(source, 'upsert').mockImplementation(async (manager, accountId, records) => {
        if (++pages === 3) throw new Error('the process died while storing page 3');
        return upsert(manager, accountId, records);
      });

      await sync(alice, account.id, 'orders').expect(500);

      expect(await storedOrders(account.id)).toHaveLength(2 * ORDERS_PAGE);
      const row = await cursor(account.id, 'orders');
      expect(row.checkpoint).toMatchObject({ unfinished: { offset: 2 * ORDERS_PAGE } });
      expect(row.checkpoint).not.toHaveProperty('since');
      expect(row.lease_id).toBeNull();

      jest.restoreAllMocks();
      const resumed = await sync(alice, account.id, 'orders').expect(200);

      expect(resumed.body).toMatchObject({ fetched: expected.size - 2 * ORDERS_PAGE, complete: true });
      expectSameOrders(await storedOrders(account.id), expected);
    });
  });

  it('loses no order that changes while the pages are being read, and shows its progress meanwhile', async () => {
    const account = await sellerWithOrders('seller_busy', 800);
    const windowStart = Date.now() - BACKFILL_DAYS * DAY_MS;
    const before = await control.orders('seller_busy');
    const inWindow = before.filter((order) => Date.parse(order.lastModifiedDate) >= windowStart);
    const outside = before.filter((order) => Date.parse(order.lastModifiedDate) < windowStart);
    expect(inWindow.length).toBeGreaterThan(3 * ORDERS_PAGE);
    expect(outside.length).toBeGreaterThan(0);
    // Page 2 is held while eBay's orders change.
    await control.addFault({ endpoint: 'orders', after: 1, count: 1, mode: 'hang', delayMs: 2000 });

    // supertest sends on then(): start it now, await it later.
    const running = sync(alice, account.id, 'orders').then((response) => response);
    let state: Record<string, unknown> = {};
    for (let i = 0; i < 100 && (state.progress as { pages?: number } | null)?.pages !== 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = (await status(alice, account.id)).body.resources[0];
    }
    expect(state).toMatchObject({ running: true, runningSince: expect.any(String), progress: { pages: 1, fetched: ORDERS_PAGE } });
    // Changed while paging: one already read, one not yet read, one that enters the range
    // (an old order, listed among the later pages), and a new one at the top.
    await control.updateOrder('seller_busy', inWindow[3].orderId, { orderPaymentStatus: 'FULLY_REFUNDED' });
    await control.updateOrder('seller_busy', inWindow[inWindow.length - 2].orderId, { orderFulfillmentStatus: 'FULFILLED' });
    await control.updateOrder('seller_busy', outside[0].orderId, { orderFulfillmentStatus: 'FULFILLED' });
    await control.addOrder('seller_busy');
    const first = await running;
    expect(first.status).toBe(200);

    await sync(alice, account.id, 'orders').expect(200);

    expectSameOrders(await storedOrders(account.id), await ebayOrdersSince('seller_busy', windowStart));
  });

  it('passes by accounts that need a reconnect in the periodic sync, says so, and refuses to run them', async () => {
    const healthy = await connectAccount(t, alice, { ebayUser: 'seller_three' });
    const revoked = await sellerWithOrders('seller_revoked', 10);
    await control.revokeRefreshTokens('seller_revoked');
    await control.invalidateAccessTokens('seller_revoked');
    await t.http.post(`/api/ebay-accounts/${revoked.id}/refresh-token`).set(alice.auth).expect(409);
    const before = (await control.stats()).calls;

    const report = await t.app.get(SyncScheduler).runPeriodic(new Date());

    expect(report.skipped).toBe(1);
    expect(report.failed).toBe(0);
    const revokedState = (await status(alice, revoked.id)).body.resources;
    expect(revokedState.map((resource: { skipped: unknown }) => resource.skipped)).toEqual([
      { reason: 'reauth_required', at: expect.any(String) },
      { reason: 'reauth_required', at: expect.any(String) },
    ]);
    expect(revokedState[0].lastRun).toBeNull();
    const healthyState = (await status(alice, healthy.id)).body.resources;
    expect(healthyState.map((resource: { lastRun: { outcome: string } }) => resource.lastRun.outcome)).toEqual(['succeeded', 'succeeded']);
    const refused = await sync(alice, revoked.id, 'orders').expect(409);
    expect(refused.body.code).toBe('reauth_required');
    // eBay was asked for the other accounts' pages only: every orders call the run made is theirs.
    expect((await control.stats()).calls.token - before.token).toBe(0);

    const again = await t.app.get(SyncScheduler).runPeriodic(new Date(report.scheduledAt.getTime() - 1000));
    expect(again.synced).toBe(0);
  });

  it('records each run for the metrics', async () => {
    const metrics = await t.http.get('/metrics').expect(200);

    expect(metrics.text).toMatch(/ebay_connect_sync_runs_total\{resource="orders",outcome="succeeded"\} [1-9]/);
    expect(metrics.text).toMatch(/ebay_connect_sync_runs_total\{resource="orders",outcome="failed"\} [1-9]/);
    expect(metrics.text).toMatch(/ebay_connect_sync_records_total\{resource="orders",kind="fetched"\} [1-9]/);
  });

  it('adds a run’s duration to the histogram and its eBay calls to the counter of its resource', async () => {
    const account = await sellerWithOrders('seller_measured', 450);
    const scrape = async (): Promise<PrometheusScrape> => parsePrometheusText((await t.http.get('/metrics').expect(200)).text);
    const succeeded = { resource: 'orders', outcome: 'succeeded' };
    const before = await scrape();

    const run = await sync(alice, account.id, 'orders').expect(200);

    const after = await scrape();
    expect(after.families.get('ebay_connect_sync_duration_seconds')?.type).toBe('histogram');
    expect(after.value('ebay_connect_sync_duration_seconds_count', succeeded) - before.value('ebay_connect_sync_duration_seconds_count', succeeded)).toBe(1);
    const seconds = (Date.parse(run.body.finishedAt) - Date.parse(run.body.startedAt)) / 1000;
    const added = after.value('ebay_connect_sync_duration_seconds_sum', succeeded) - before.value('ebay_connect_sync_duration_seconds_sum', succeeded);
    expect(added).toBeCloseTo(seconds, 2);
    // The run's observation is in every bucket at or above its duration.
    expect(after.value('ebay_connect_sync_duration_seconds_bucket', { ...succeeded, le: '+Inf' }) - before.value('ebay_connect_sync_duration_seconds_bucket', { ...succeeded, le: '+Inf' })).toBe(1);
    expect(run.body.ebayCalls).toBe(Math.ceil(run.body.fetched / ORDERS_PAGE));
    expect(after.value('ebay_connect_sync_ebay_calls_total', { resource: 'orders' }) - before.value('ebay_connect_sync_ebay_calls_total', { resource: 'orders' })).toBe(run.body.ebayCalls);
    expect(after.value('ebay_connect_sync_ebay_calls_total', { resource: 'transactions' })).toBe(before.value('ebay_connect_sync_ebay_calls_total', { resource: 'transactions' }));
  });

  it('counts a sync as use of the account, for the refresher’s warm window (ebay_tokens.last_used_at)', async () => {
    const account = await sellerWithOrders('seller_in_use', 5);
    const lastUsed = async (): Promise<Date | null> =>
      withDatabase(t.database.url, async (client) =>
        (await client.query('SELECT last_used_at FROM ebay_tokens WHERE ebay_account_id = $1', [account.id])).rows[0].last_used_at,
      );
    await withDatabase(t.database.url, (client) =>
      client.query(`UPDATE ebay_tokens SET last_used_at = now() - interval '2 days' WHERE ebay_account_id = $1`, [account.id]),
    );
    const startedAt = Date.now();

    await sync(alice, account.id, 'orders').expect(200);
    // The marker writes uses in batches every few seconds; write them now.
    await t.app.get(TokenUseMarker).flush();

    const used = await lastUsed();
    expect(used?.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
  });

  it('leaves a BUYING account out of the periodic sync, and refuses to sync it with 409 not_selling', async () => {
    const buyer = await sellerWithOrders('seller_buying_only', 20);
    await t.http.patch(`/api/ebay-accounts/${buyer.id}`).set(alice.auth).send({ purpose: 'BUYING' }).expect(200);
    const before = (await control.stats()).calls;

    const refused = await sync(alice, buyer.id, 'orders').expect(409);

    expect(refused.body.code).toBe('not_selling');
    expect((await sync(alice, buyer.id, 'transactions').expect(409)).body.code).toBe('not_selling');
    expect((await control.stats()).calls).toEqual(before);

    const report = await t.app.get(SyncScheduler).runPeriodic(new Date());

    expect(report.failed).toBe(0);
    expect(report.synced).toBeGreaterThan(0);
    const stored = await withDatabase(t.database.url, async (client) =>
      (await client.query('SELECT count(*)::int AS n FROM ebay_orders WHERE ebay_account_id = $1', [buyer.id])).rows[0].n,
    );
    expect(stored).toBe(0);
    const resources = (await status(alice, buyer.id)).body.resources as { lastRun: unknown; skipped: unknown }[];
    expect(resources.every((resource) => resource.lastRun === null && resource.skipped === null)).toBe(true);
  });
});
