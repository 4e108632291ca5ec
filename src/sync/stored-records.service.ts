import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts';
import type { AuthUser } from '../auth';
import type { KeysetPage, PageRequest } from '../common/paging/page-query.dto';
import { epochMicrosecondsOf } from '../common/time/iso-instant';
import type { EbayOrder } from './entities/ebay-order.entity';
import type { EbayTransaction } from './entities/ebay-transaction.entity';
import { type OrderFilter, type StoredOrder, StoredOrdersRepository } from './stored-orders.repository';
import { type StoredTransaction, type TransactionFilter, StoredTransactionsRepository } from './stored-transactions.repository';
import { InvalidDateRangeError, OrderNotFoundError, TransactionNotFoundError } from './sync.errors';

/**
 * An account's stored orders and transactions, for the API: what the last sync wrote, never
 * eBay asked now. Ownership is the accounts module's: another organisation's account is not
 * found, administrators see every account; a disconnected account keeps its history.
 */
@Injectable()
export class StoredRecordsService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly orderRecords: StoredOrdersRepository,
    private readonly transactionRecords: StoredTransactionsRepository,
  ) {}

  /** A page of the account's orders, newest created first. */
  async orders(user: AuthUser, accountId: string, filter: OrderFilter, request: PageRequest): Promise<KeysetPage<StoredOrder>> {
    assertRange('createdFrom', filter.createdFrom, 'createdTo', filter.createdTo);
    await this.accounts.get(user, accountId);
    return this.orderRecords.page(accountId, filter, request);
  }

  /** One of the account's orders with the record eBay sent. */
  async order(user: AuthUser, accountId: string, orderId: string): Promise<EbayOrder> {
    await this.accounts.get(user, accountId);
    const order = await this.orderRecords.find(accountId, orderId);
    if (order === null) throw new OrderNotFoundError();
    return order;
  }

  /** A page of the account's transactions, newest first. */
  async transactions(
    user: AuthUser,
    accountId: string,
    filter: TransactionFilter,
    request: PageRequest,
  ): Promise<KeysetPage<StoredTransaction>> {
    assertRange('dateFrom', filter.dateFrom, 'dateTo', filter.dateTo);
    await this.accounts.get(user, accountId);
    return this.transactionRecords.page(accountId, filter, request);
  }

  /** One of the account's transactions with the record eBay sent. */
  async transaction(user: AuthUser, accountId: string, transactionId: string): Promise<EbayTransaction> {
    await this.accounts.get(user, accountId);
    const transaction = await this.transactionRecords.find(accountId, transactionId);
    if (transaction === null) throw new TransactionNotFoundError();
    return transaction;
  }
}

/** Both bounds are inclusive: equal ones are one instant, a start after the end is a mistake. */
function assertRange(fromName: string, from: string | undefined, toName: string, to: string | undefined): void {
  if (from === undefined || to === undefined) return;
  const [start, end] = [epochMicrosecondsOf(from), epochMicrosecondsOf(to)];
  if (start !== undefined && end !== undefined && start > end) throw new InvalidDateRangeError(fromName, toName);
}
