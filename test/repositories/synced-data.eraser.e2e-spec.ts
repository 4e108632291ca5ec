import { DataSource } from 'typeorm';
import { EbayAccount } from '../../src/accounts/entities/ebay-account.entity';
import { User } from '../../src/auth/entities/user.entity';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { EbayOrder } from '../../src/sync/entities/ebay-order.entity';
import { EbaySyncCursor } from '../../src/sync/entities/ebay-sync-cursor.entity';
import { EbayTransaction } from '../../src/sync/entities/ebay-transaction.entity';
import { SyncedDataEraser } from '../../src/sync/synced-data.eraser';
import { EbayAuthorization } from '../../src/tokens/entities/ebay-authorization.entity';
import { EbayToken } from '../../src/tokens/entities/ebay-token.entity';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  BUYER_PERSONAL_DATA,
  aStoredOrder,
  aStoredOrderOf,
  aStoredTransaction,
  aSyncCursor,
  redactedOrderRaw,
  type RunSql,
} from '../support/synced-records';
import { aTokenRow } from './token-rows';

type Row = Record<string, unknown>;

/** The erasure statements of Marketplace Account Deletion against a real PostgreSQL. */
describe('SyncedDataEraser on PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const eraser = new SyncedDataEraser();
  const sql: RunSql = async (text, params) => (await dataSource.query(text, params)) as Row[];

  const anAccount = async (): Promise<string> => (await aTokenRow(dataSource)).accountId;
  const orderRow = async (id: string): Promise<Row> => (await sql('SELECT * FROM ebay_orders WHERE id = $1', [id]))[0];
  const transactionRow = async (id: string): Promise<Row> => (await sql('SELECT * FROM ebay_transactions WHERE id = $1', [id]))[0];
  const redact = (names: string[]) => dataSource.transaction((manager) => eraser.redactBuyer(manager, names));
  const eraseAccounts = (ids: string[]) => dataSource.transaction((manager) => eraser.eraseAccounts(manager, ids));

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: true });
    dataSource = await new DataSource(
      buildDataSourceOptions({
        url: database.url,
        poolSize: 2,
        entities: [User, EbayAccount, EbayToken, EbayAuthorization, EbayOrder, EbayTransaction, EbaySyncCursor],
      }),
    ).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  describe('redactBuyer', () => {
    it('strips the buyer’s personal data from their orders and keeps every business fact', async () => {
      const account = await anAccount();
      const order = await aStoredOrder(sql, { accountId: account, buyer: 'jane_buys', orderId: '12-00001-00001', total: '42.50' });

      expect(await redact(['jane_buys'])).toEqual({ orders: 1, transactions: 0 });

      const row = await orderRow(order.id);
      expect(row).toMatchObject({ order_id: '12-00001-00001', total_value: '42.50', total_currency: 'USD', buyer_username: null });
      expect(row.raw).toEqual(redactedOrderRaw('12-00001-00001', '42.50'));
      for (const personal of BUYER_PERSONAL_DATA) expect(JSON.stringify(row.raw)).not.toContain(personal);
    });

    it('strips the buyer from their transactions and keeps the money', async () => {
      const account = await anAccount();
      const sale = await aStoredTransaction(sql, { accountId: account, buyer: 'tx_buyer', orderId: '12-00002-00001' });

      expect(await redact(['tx_buyer'])).toEqual({ orders: 0, transactions: 1 });

      const row = await transactionRow(sale.id);
      const { buyer: _buyer, ...kept } = sale.raw;
      expect(row).toMatchObject({ transaction_id: sale.transactionId, amount_value: '42.50', order_id: '12-00002-00001', buyer_username: null });
      expect(row.raw).toEqual(kept);
    });

    it('reaches every organisation’s records of the buyer, by username or by user id, and no one else’s', async () => {
      const [first, second] = [await anAccount(), await anAccount()];
      const byName = await aStoredOrder(sql, { accountId: first, buyer: 'many_orgs' });
      const byId = await aStoredOrder(sql, { accountId: second, buyer: 'immutableId42' });
      const sale = await aStoredTransaction(sql, { accountId: second, buyer: 'many_orgs' });
      const others = [
        await aStoredOrder(sql, { accountId: first, buyer: 'someone_else' }),
        await aStoredOrder(sql, { accountId: second, buyer: null }),
      ];
      const otherSale = await aStoredTransaction(sql, { accountId: first, buyer: 'someone_else' });
      const before = { orders: await Promise.all(others.map((order) => orderRow(order.id))), sale: await transactionRow(otherSale.id) };

      expect(await redact(['many_orgs', 'immutableId42'])).toEqual({ orders: 2, transactions: 1 });

      for (const order of [byName, byId]) {
        expect(await orderRow(order.id)).toMatchObject({ buyer_username: null, raw: redactedOrderRaw(order.orderId, '42.50') });
      }
      expect((await transactionRow(sale.id)).buyer_username).toBeNull();
      expect({ orders: await Promise.all(others.map((order) => orderRow(order.id))), sale: await transactionRow(otherSale.id) }).toEqual(before);
      // Redacted records no longer name the buyer: eBay's resend finds nothing to do.
      expect(await redact(['many_orgs', 'immutableId42'])).toEqual({ orders: 0, transactions: 0 });
    });

    it('leaves orders of other shapes well formed: no fields added, empty lists kept, odd elements as they were', async () => {
      const account = await anAccount();
      const shapes: { raw: Record<string, unknown>; redacted: Record<string, unknown> }[] = [
        // The emulator's order: the buyer is only a username.
        { raw: { orderId: 'S-1', buyer: { username: 'shapes' }, lineItems: [] }, redacted: { orderId: 'S-1', lineItems: [] } },
        {
          raw: { orderId: 'S-2', buyer: { username: 'shapes' }, fulfillmentStartInstructions: [] },
          redacted: { orderId: 'S-2', fulfillmentStartInstructions: [] },
        },
        {
          raw: {
            orderId: 'S-3',
            buyer: { username: 'shapes' },
            fulfillmentStartInstructions: [
              { fulfillmentInstructionsType: 'DIGITAL' },
              { pickupStep: { merchantLocationKey: 'store-7' }, shippingStep: 'odd' },
              'not an object',
              { shippingStep: { shipTo: { fullName: 'Jane Buyer' } } },
            ],
            lineItems: [{ lineItemId: '1' }, 7],
          },
          redacted: {
            orderId: 'S-3',
            fulfillmentStartInstructions: [
              { fulfillmentInstructionsType: 'DIGITAL' },
              { pickupStep: { merchantLocationKey: 'store-7' }, shippingStep: 'odd' },
              'not an object',
              { shippingStep: {} },
            ],
            lineItems: [{ lineItemId: '1' }, 7],
          },
        },
        // Not lists where eBay sends lists: left as they are.
        {
          raw: { orderId: 'S-4', buyer: { username: 'shapes' }, fulfillmentStartInstructions: { shippingStep: {} }, lineItems: null },
          redacted: { orderId: 'S-4', fulfillmentStartInstructions: { shippingStep: {} }, lineItems: null },
        },
      ];
      const stored = await Promise.all(shapes.map((shape) => aStoredOrderOf(sql, account, shape.raw, 'shapes')));

      expect(await redact(['shapes'])).toEqual({ orders: shapes.length, transactions: 0 });

      const redacted = await Promise.all(stored.map(async (order) => (await orderRow(order.id)).raw));
      expect(redacted).toEqual(shapes.map((shape) => shape.redacted));
    });

    it('answers nothing redacted for a buyer it never stored, and for no names at all', async () => {
      expect(await redact(['never_bought_here'])).toEqual({ orders: 0, transactions: 0 });
      expect(await redact([])).toEqual({ orders: 0, transactions: 0 });
    });
  });

  describe('eraseAccounts', () => {
    it('deletes the accounts’ orders, transactions and cursors, and nothing of other accounts', async () => {
      const [erased, alsoErased, kept] = [await anAccount(), await anAccount(), await anAccount()];
      for (const account of [erased, alsoErased, kept]) {
        await aStoredOrder(sql, { accountId: account, buyer: 'a_buyer' });
        await aStoredTransaction(sql, { accountId: account, buyer: 'a_buyer' });
        await aStoredTransaction(sql, { accountId: account, buyer: null });
        await aSyncCursor(sql, account, 'orders');
        await aSyncCursor(sql, account, 'transactions');
      }
      const ofAccount = async (account: string) => ({
        orders: await sql('SELECT * FROM ebay_orders WHERE ebay_account_id = $1 ORDER BY id', [account]),
        transactions: await sql('SELECT * FROM ebay_transactions WHERE ebay_account_id = $1 ORDER BY id', [account]),
        cursors: await sql('SELECT * FROM ebay_sync_cursors WHERE ebay_account_id = $1 ORDER BY id', [account]),
      });
      const keptBefore = await ofAccount(kept);

      expect(await eraseAccounts([erased, alsoErased])).toEqual({ orders: 2, transactions: 4, cursors: 4 });

      for (const account of [erased, alsoErased]) expect(await ofAccount(account)).toEqual({ orders: [], transactions: [], cursors: [] });
      expect(await ofAccount(kept)).toEqual(keptBefore);
      // The account rows stay (tombstones): only their synced data goes.
      expect(await sql('SELECT id FROM ebay_accounts WHERE id = ANY($1)', [[erased, alsoErased]])).toHaveLength(2);
      expect(await eraseAccounts([])).toEqual({ orders: 0, transactions: 0, cursors: 0 });
    });
  });
});
