import { controlErrors } from './control-errors';
import type { EbayIds } from './ebay-ids';
import type {
  BookingEntry,
  EbayOrder,
  EbayTransaction,
  OrderFulfillmentStatus,
  OrderPaymentStatus,
  TransactionStatus,
  TransactionType,
} from './ebay-wire.types';
import { amount, buildOrder, toCents } from './record-factory';
import type { SellerHistory } from './seed-data';
import { newestOrderFirst, newestTransactionFirst } from './seed-data';

/** An order a test adds; everything but the seller is optional. */
export interface NewOrder {
  orderId?: string;
  /** ISO 8601; default: the emulator's now. */
  creationDate?: string;
  buyerUsername?: string;
  /** Item title; default 'Emulator test item'. */
  title?: string;
  /** The item price, e.g. "12.99"; default "9.99". No delivery cost. */
  total?: string;
  orderFulfillmentStatus?: OrderFulfillmentStatus;
  orderPaymentStatus?: OrderPaymentStatus;
}

/** A change to an order. Any change (even none) bumps lastModifiedDate to now, as eBay does. */
export interface OrderChanges {
  orderFulfillmentStatus?: OrderFulfillmentStatus;
  orderPaymentStatus?: OrderPaymentStatus;
}

export interface NewTransaction {
  transactionId?: string;
  /** Default 'SALE'. */
  transactionType?: TransactionType;
  /** Default 'FUNDS_PROCESSING'. */
  transactionStatus?: TransactionStatus;
  /** ISO 8601; default: the emulator's now. */
  transactionDate?: string;
  /** e.g. "12.99"; default: the total of `orderId`'s order, which is then required. */
  amount?: string;
  /** Default: CREDIT for SALE and CREDIT, DEBIT otherwise. */
  bookingEntry?: BookingEntry;
  orderId?: string;
}

export interface TransactionChanges {
  transactionStatus?: TransactionStatus;
  amount?: string;
}

/** One seller's book as the state file keeps it. */
export interface SellerBookSnapshot {
  readonly currency: string;
  readonly orders: readonly EbayOrder[];
  readonly transactions: readonly EbayTransaction[];
}

interface SellerBook {
  readonly currency: string;
  /** Newest first, as getOrders lists them. */
  orders: EbayOrder[];
  /** Newest first, as getTransactions lists them. */
  transactions: EbayTransaction[];
}

/** Each seller's orders and transactions, keyed by eBay user id (usernames can change). */
export class SellerRecords {
  private readonly books = new Map<string, SellerBook>();

  /** `changed` hears of every added or changed record; reads never call it. */
  constructor(
    private readonly ids: EbayIds,
    private readonly changed: () => void,
  ) {}

  open(userId: string, currency: string, history: SellerHistory): void {
    this.books.set(userId, { currency, orders: history.orders, transactions: history.transactions });
    this.changed();
  }

  /**
   * Opens a book a state file kept. Its ids are claimed, so ids drawn later never repeat
   * them; an id claimed twice means the file was not written by an emulator.
   */
  reopen(userId: string, book: SellerBookSnapshot): void {
    const claim = (id: string): void => {
      if (!this.ids.claim(id)) throw new Error(`The id ${id} appears twice`);
    };
    for (const order of book.orders) {
      claim(order.orderId);
      for (const item of order.lineItems) {
        claim(item.lineItemId);
        claim(item.legacyItemId);
      }
    }
    for (const transaction of book.transactions) claim(transaction.transactionId);
    this.open(userId, book.currency, {
      orders: [...book.orders].sort(newestOrderFirst),
      transactions: [...book.transactions].sort(newestTransactionFirst),
    });
  }

  /** The seller's book as it stands: shared, not copied, so serialise it before the next change. */
  snapshot(userId: string): SellerBookSnapshot {
    return this.book(userId);
  }

  orders(userId: string): readonly EbayOrder[] {
    return this.book(userId).orders;
  }

  transactions(userId: string): readonly EbayTransaction[] {
    return this.book(userId).transactions;
  }

  addOrder(userId: string, input: NewOrder, nowMs: number): EbayOrder {
    const book = this.book(userId);
    const orderId = input.orderId ?? this.ids.orderId();
    if (input.orderId !== undefined && !this.ids.claim(input.orderId)) {
      throw controlErrors.conflict(`Order ${input.orderId} exists already`);
    }
    const fulfillmentStatus = input.orderFulfillmentStatus ?? 'NOT_STARTED';
    const order = buildOrder(
      {
        orderId,
        creationMs: input.creationDate === undefined ? nowMs : Date.parse(input.creationDate),
        // Whenever it was created, it appeared now: an incremental sync must see it.
        lastModifiedMs: nowMs,
        buyerUsername: input.buyerUsername ?? 'emulator_buyer',
        currency: book.currency,
        items: [
          {
            title: input.title ?? 'Emulator test item',
            sku: 'EMU-TEST',
            quantity: 1,
            unitPriceCents: toCents(input.total ?? '9.99'),
          },
        ],
        deliveryCents: 0,
        fulfillmentStatus,
        paymentStatus: input.orderPaymentStatus ?? 'PAID',
        salesRecordReference: String(10_000 + book.orders.length),
      },
      this.ids,
    );
    book.orders = [...book.orders, order].sort(newestOrderFirst);
    this.changed();
    return order;
  }

  updateOrder(userId: string, orderId: string, changes: OrderChanges, nowMs: number): EbayOrder {
    const order = this.book(userId).orders.find((candidate) => candidate.orderId === orderId);
    if (order === undefined) throw controlErrors.notFound(`This seller has no order ${orderId}`);
    if (changes.orderFulfillmentStatus !== undefined) {
      order.orderFulfillmentStatus = changes.orderFulfillmentStatus;
      for (const item of order.lineItems) item.lineItemFulfillmentStatus = changes.orderFulfillmentStatus;
    }
    if (changes.orderPaymentStatus !== undefined) order.orderPaymentStatus = changes.orderPaymentStatus;
    // Never backwards, even with the clock offset moved back since the last change.
    order.lastModifiedDate = new Date(Math.max(nowMs, Date.parse(order.lastModifiedDate))).toISOString();
    this.changed();
    return order;
  }

  addTransaction(userId: string, input: NewTransaction, nowMs: number): EbayTransaction {
    const book = this.book(userId);
    const order =
      input.orderId === undefined ? undefined : book.orders.find((candidate) => candidate.orderId === input.orderId);
    if (input.orderId !== undefined && order === undefined) {
      throw controlErrors.notFound(`This seller has no order ${input.orderId}`);
    }
    const value = input.amount ?? order?.pricingSummary.total.value;
    if (value === undefined) throw controlErrors.invalid('amount is required when no orderId is given');
    if (input.transactionId !== undefined && !this.ids.claim(input.transactionId)) {
      throw controlErrors.conflict(`Transaction ${input.transactionId} exists already`);
    }
    const type = input.transactionType ?? 'SALE';
    const transactionMs = input.transactionDate === undefined ? nowMs : Date.parse(input.transactionDate);
    const transaction: EbayTransaction = {
      transactionId: input.transactionId ?? this.ids.transactionId(),
      transactionType: type,
      transactionStatus: input.transactionStatus ?? 'FUNDS_PROCESSING',
      transactionDate: new Date(transactionMs).toISOString(),
      amount: amount(toCents(value), book.currency),
      bookingEntry: input.bookingEntry ?? (type === 'SALE' || type === 'CREDIT' ? 'CREDIT' : 'DEBIT'),
      ...(order === undefined ? {} : { orderId: order.orderId, buyer: { username: order.buyer.username } }),
    };
    book.transactions = [...book.transactions, transaction].sort(newestTransactionFirst);
    this.changed();
    return transaction;
  }

  updateTransaction(userId: string, transactionId: string, changes: TransactionChanges): EbayTransaction {
    const book = this.book(userId);
    const transaction = book.transactions.find((candidate) => candidate.transactionId === transactionId);
    if (transaction === undefined) throw controlErrors.notFound(`This seller has no transaction ${transactionId}`);
    if (changes.transactionStatus !== undefined) transaction.transactionStatus = changes.transactionStatus;
    if (changes.amount !== undefined) transaction.amount = amount(toCents(changes.amount), book.currency);
    this.changed();
    return transaction;
  }

  private book(userId: string): SellerBook {
    const book = this.books.get(userId);
    // Users and books are created together; a miss is a bug in the emulator, not in the caller.
    if (book === undefined) throw new Error(`No seller records for user ${userId}`);
    return book;
  }
}
