import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { EbayOrder } from './entities/ebay-order.entity';
import { EbaySyncCursor } from './entities/ebay-sync-cursor.entity';
import { EbayTransaction } from './entities/ebay-transaction.entity';

/** What erasing accounts removed of their synced data. */
export interface ErasedSyncedData {
  readonly orders: number;
  readonly transactions: number;
  readonly cursors: number;
}

/** How many stored records lost a deleted buyer's personal data. */
export interface RedactedBuyer {
  readonly orders: number;
  readonly transactions: number;
}

/**
 * What eBay's order keeps once its buyer is gone. Removed, because each is the buyer's
 * personal data and none is a business fact of the sale:
 * - `buyer`: the username, and at eBay also the tax and registration addresses (name, email,
 *   phone) and the tax identifier;
 * - `buyerCheckoutNotes`: what the buyer wrote to the seller at checkout;
 * - `fulfillmentStartInstructions[*].shippingStep.shipTo`: the recipient's name, address,
 *   phone and email;
 * - `fulfillmentStartInstructions[*].finalDestinationAddress`: where the Global Shipping
 *   Program or eBay International Shipping delivers, "usually the recipient's home" (eBay);
 * - `lineItems[*].giftDetails`: the buyer's gift message and name, and the recipient's email.
 * Everything else (ids, dates, statuses, prices, line items, payments) stays: the seller's
 * books still need the sale. Arrays keep their order; elements that are not objects stay as
 * they are. A stored order of another shape loses what of these it has.
 */
const ORDER_WITHOUT_BUYER = `(raw - 'buyer' - 'buyerCheckoutNotes')
  || CASE WHEN jsonb_typeof(raw -> 'fulfillmentStartInstructions') = 'array' THEN jsonb_build_object(
       'fulfillmentStartInstructions',
       (SELECT coalesce(jsonb_agg(
                  CASE WHEN jsonb_typeof(instruction) <> 'object' THEN instruction
                       WHEN jsonb_typeof(instruction -> 'shippingStep') = 'object'
                         THEN (instruction - 'finalDestinationAddress')
                              || jsonb_build_object('shippingStep', (instruction -> 'shippingStep') - 'shipTo')
                       ELSE instruction - 'finalDestinationAddress' END
                  ORDER BY position), '[]'::jsonb)
          FROM jsonb_array_elements(raw -> 'fulfillmentStartInstructions') WITH ORDINALITY AS instructions (instruction, position)))
     ELSE '{}'::jsonb END
  || CASE WHEN jsonb_typeof(raw -> 'lineItems') = 'array' THEN jsonb_build_object(
       'lineItems',
       (SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(item) = 'object' THEN item - 'giftDetails' ELSE item END ORDER BY position), '[]'::jsonb)
          FROM jsonb_array_elements(raw -> 'lineItems') WITH ORDINALITY AS items (item, position)))
     ELSE '{}'::jsonb END`;

/** A Finances transaction names its buyer in `buyer` only (the username); the money stays. */
const TRANSACTION_WITHOUT_BUYER = `raw - 'buyer'`;

/**
 * The sync module's part of Marketplace Account Deletion, run inside the eraser's transaction
 * (src/account-deletion/ebay-user-eraser.ts): a deleted seller's synced data goes, a deleted
 * buyer's personal data leaves every stored order and transaction, in any organisation.
 */
@Injectable()
export class SyncedDataEraser {
  /**
   * Deletes the accounts' stored orders and transactions and their sync cursors, so that a
   * reconnect after erasure (another organisation's) starts its backfill from scratch.
   */
  async eraseAccounts(manager: EntityManager, accountIds: readonly string[]): Promise<ErasedSyncedData> {
    if (accountIds.length === 0) return { orders: 0, transactions: 0, cursors: 0 };
    const ofAccounts = { ebayAccountId: In([...accountIds]) };
    const orders = await manager.delete(EbayOrder, ofAccounts);
    const transactions = await manager.delete(EbayTransaction, ofAccounts);
    const cursors = await manager.delete(EbaySyncCursor, ofAccounts);
    return { orders: orders.affected ?? 0, transactions: transactions.affected ?? 0, cursors: cursors.affected ?? 0 };
  }

  /**
   * Strips a deleted buyer from every stored order and transaction that names them, one
   * UPDATE per table through the buyer_username index: the username column is cleared and
   * `raw` loses the buyer's data (ORDER_WITHOUT_BUYER says which fields, and why). The names
   * are the ones a record may give the buyer (the username, and the user id eBay sends in its
   * place for some buyers). A record redacted once no longer matches, so a resend finds none.
   */
  async redactBuyer(manager: EntityManager, buyerNames: readonly string[]): Promise<RedactedBuyer> {
    if (buyerNames.length === 0) return { orders: 0, transactions: 0 };
    const names = [...new Set(buyerNames)];
    const orders = await manager
      .createQueryBuilder()
      .update(EbayOrder)
      .set({ buyerUsername: null, raw: () => ORDER_WITHOUT_BUYER })
      .where('buyer_username IN (:...names)', { names })
      .execute();
    const transactions = await manager
      .createQueryBuilder()
      .update(EbayTransaction)
      .set({ buyerUsername: null, raw: () => TRANSACTION_WITHOUT_BUYER })
      .where('buyer_username IN (:...names)', { names })
      .execute();
    return { orders: orders.affected ?? 0, transactions: transactions.affected ?? 0 };
  }
}
