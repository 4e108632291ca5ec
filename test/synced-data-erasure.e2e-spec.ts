import type { RunningEmulator } from '../src/emulator';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { EmulatorControl } from './support/emulator-control';
import { freePort } from './support/service-process';
import {
  BUYER_PERSONAL_DATA,
  aStoredOrder,
  aStoredTransaction,
  aSyncCursor,
  redactedOrderRaw,
  type RunSql,
} from './support/synced-records';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { registerAndLogin, type SignedInUser } from './support/users';

const TOKEN = 'synced-erasure_verification-token-0123456789';
const PATH = '/api/ebay/notifications/account-deletion';

type Row = Record<string, unknown>;

/**
 * Marketplace Account Deletion of the synced copies: a signed notification from the emulated
 * eBay removes a deleted seller's stored orders, transactions and sync cursors, and strips a
 * deleted buyer from every other seller's stored records. The records are inserted with SQL
 * as a sync would have stored them.
 */
describe('Marketplace Account Deletion of synced orders and transactions', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let t: TestApp;
  let orgA: SignedInUser;
  let orgB: SignedInUser;

  const sql: RunSql = (text, params) => withDatabase(t.database.url, async (client) => (await client.query(text, params)).rows as Row[]);
  const ofAccount = async (accountId: string): Promise<Row> => ({
    orders: await sql('SELECT * FROM ebay_orders WHERE ebay_account_id = $1 ORDER BY id', [accountId]),
    transactions: await sql('SELECT * FROM ebay_transactions WHERE ebay_account_id = $1 ORDER BY id', [accountId]),
    cursors: await sql('SELECT * FROM ebay_sync_cursors WHERE ebay_account_id = $1 ORDER BY id', [accountId]),
  });
  const orderRow = async (id: string): Promise<Row> => (await sql('SELECT * FROM ebay_orders WHERE id = $1', [id]))[0];
  const transactionRow = async (id: string): Promise<Row> => (await sql('SELECT * FROM ebay_transactions WHERE id = $1', [id]))[0];
  const auditRows = (): Promise<Row[]> => sql('SELECT * FROM ebay_account_deletions ORDER BY erased_at', []);

  beforeAll(async () => {
    ({ emulator, control } = await startTestEbay());
    const port = await freePort();
    const endpointUrl = `http://127.0.0.1:${port}${PATH}`;
    t = await startConnectedApp(emulator, {
      port,
      env: { EBAY_DELETION_VERIFICATION_TOKEN: TOKEN, EBAY_DELETION_ENDPOINT_URL: endpointUrl },
    });
    await control.registerAccountDeletionEndpoint({ endpointUrl, verificationToken: TOKEN });
    orgA = await registerAndLogin(t.http);
    orgB = await registerAndLogin(t.http);
  });
  afterAll(async () => {
    await t?.close();
    await emulator?.close();
  });

  it('removes a deleted seller’s synced data and strips them as a buyer from other sellers’ records', async () => {
    const deletedSeller = await connectAccount(t, orgA, { ebayUser: 'seller_one' });
    const otherSeller = await connectAccount(t, orgB, { ebayUser: 'seller_two' });
    await aStoredOrder(sql, { accountId: deletedSeller.id, buyer: 'someone_who_bought' });
    await aStoredTransaction(sql, { accountId: deletedSeller.id, buyer: 'someone_who_bought' });
    await aStoredTransaction(sql, { accountId: deletedSeller.id, buyer: null });
    await aSyncCursor(sql, deletedSeller.id, 'orders');
    await aSyncCursor(sql, deletedSeller.id, 'transactions');
    // seller_one also bought from seller_two, in another organisation.
    const bought = await aStoredOrder(sql, { accountId: otherSeller.id, buyer: 'seller_one', orderId: '12-11111-22222', total: '99.90' });
    const paid = await aStoredTransaction(sql, { accountId: otherSeller.id, buyer: 'seller_one', orderId: '12-11111-22222' });
    const othersOrder = await aStoredOrder(sql, { accountId: otherSeller.id, buyer: 'a_different_buyer' });
    const othersSale = await aStoredTransaction(sql, { accountId: otherSeller.id, buyer: 'a_different_buyer' });
    const othersBefore = { order: await orderRow(othersOrder.id), sale: await transactionRow(othersSale.id) };
    await aSyncCursor(sql, otherSeller.id, 'orders');
    const cursorsBefore = (await ofAccount(otherSeller.id)).cursors;

    const delivery = await control.sendAccountDeletion({ username: 'seller_one' });

    expect(delivery.status).toBe(204);
    expect(await ofAccount(deletedSeller.id)).toEqual({ orders: [], transactions: [], cursors: [] });
    const boughtNow = await orderRow(bought.id);
    expect(boughtNow).toMatchObject({ order_id: '12-11111-22222', total_value: '99.90', total_currency: 'USD', buyer_username: null });
    expect(boughtNow.raw).toEqual(redactedOrderRaw('12-11111-22222', '99.90'));
    expect(boughtNow.raw).not.toHaveProperty('buyer');
    for (const personal of BUYER_PERSONAL_DATA) expect(JSON.stringify(boughtNow.raw)).not.toContain(personal);
    const paidNow = await transactionRow(paid.id);
    expect(paidNow).toMatchObject({ transaction_id: paid.transactionId, amount_value: '42.50', order_id: '12-11111-22222', buyer_username: null });
    expect(paidNow.raw).not.toHaveProperty('buyer');
    expect({ order: await orderRow(othersOrder.id), sale: await transactionRow(othersSale.id) }).toEqual(othersBefore);
    expect((await ofAccount(otherSeller.id)).cursors).toEqual(cursorsBefore);
    expect((await auditRows()).map((row) => [row.notification_id, row.ebay_user_id])).toEqual([[delivery.notificationId, delivery.userId]]);
    // The log says how much went, never whose it was.
    const logged = t.logs.lines.find((line) => line.notificationId === delivery.notificationId);
    expect(logged).toMatchObject({
      msg: 'Marketplace Account Deletion: erased what was held about the eBay user',
      erasedAccounts: 1,
      erasedOrders: 1,
      erasedTransactions: 2,
      redactedOrders: 1,
      redactedTransactions: 1,
    });
    expect(t.logs.text).not.toContain('seller_one');
  });

  it('redacts a deleted user who was only a buyer here, records it, and changes nothing when eBay resends', async () => {
    const seller = await connectAccount(t, orgB, { ebayUser: 'seller_three' });
    const byName = await aStoredOrder(sql, { accountId: seller.id, buyer: 'only_a_buyer', orderId: '12-33333-00001' });
    // eBay names some buyers by their immutable user id instead of the username.
    const byUserId = await aStoredOrder(sql, { accountId: seller.id, buyer: 'buyerImmutable01', orderId: '12-33333-00002' });
    const sale = await aStoredTransaction(sql, { accountId: seller.id, buyer: 'only_a_buyer', orderId: '12-33333-00001' });
    const accountBefore = await sql('SELECT * FROM ebay_accounts WHERE id = $1', [seller.id]);
    const auditBefore = await auditRows();

    const delivery = await control.sendAccountDeletion({ userId: 'buyerImmutable01', username: 'only_a_buyer' });

    expect(delivery.status).toBe(204);
    expect(await orderRow(byName.id)).toMatchObject({ buyer_username: null, raw: redactedOrderRaw('12-33333-00001', '42.50') });
    expect(await orderRow(byUserId.id)).toMatchObject({ buyer_username: null, raw: redactedOrderRaw('12-33333-00002', '42.50') });
    expect(await transactionRow(sale.id)).toMatchObject({ buyer_username: null, order_id: '12-33333-00001' });
    // The seller's account and its data stay: only the buyer went.
    expect(await sql('SELECT * FROM ebay_accounts WHERE id = $1', [seller.id])).toEqual(accountBefore);
    expect((await ofAccount(seller.id)).orders).toHaveLength(2);
    const audit = await auditRows();
    expect(audit.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(audit.slice(auditBefore.length).map((row) => [row.notification_id, row.ebay_user_id])).toEqual([
      [delivery.notificationId, 'buyerImmutable01'],
    ]);
    expect(t.logs.text).not.toContain('only_a_buyer');

    const records = await ofAccount(seller.id);
    const again = await control.sendAccountDeletion({
      userId: 'buyerImmutable01',
      username: 'only_a_buyer',
      notificationId: delivery.notificationId,
      publishAttemptCount: 2,
    });
    expect(again.status).toBe(204);
    expect(await ofAccount(seller.id)).toEqual(records);
    expect(await auditRows()).toEqual(audit);
  });

  it('redacts and records once when copies of a buyer’s deletion arrive together', async () => {
    const seller = await connectAccount(t, orgA, { ebayUser: 'seller_quiet' });
    const order = await aStoredOrder(sql, { accountId: seller.id, buyer: 'twice_told' });
    const signed = await control.signAccountDeletion({ userId: 'twiceToldId', username: 'twice_told' });
    const headers = { 'content-type': 'application/json', 'x-ebay-signature': signed.signature };
    const post = () => fetch(`${t.baseUrl}${PATH}`, { method: 'POST', headers, body: signed.body });

    const answers = await Promise.all([post(), post(), post()]);

    expect(answers.map((answer) => answer.status)).toEqual([204, 204, 204]);
    expect(await orderRow(order.id)).toMatchObject({ buyer_username: null, raw: redactedOrderRaw(order.orderId, '42.50') });
    expect((await auditRows()).filter((row) => row.ebay_user_id === 'twiceToldId').map((row) => row.notification_id)).toEqual([
      signed.notificationId,
    ]);
  });

  it('keeps no record of a deleted user it holds nothing about, accounts or orders', async () => {
    const seller = await connectAccount(t, orgA, { ebayUser: 'seller_two' });
    await aStoredOrder(sql, { accountId: seller.id, buyer: 'a_regular' });
    const records = await ofAccount(seller.id);
    const auditBefore = await auditRows();

    const delivery = await control.sendAccountDeletion({ userId: 'never-seen-here', username: 'stranger' });

    expect(delivery.status).toBe(204);
    expect(await ofAccount(seller.id)).toEqual(records);
    expect(await auditRows()).toEqual(auditBefore);
  });
});
