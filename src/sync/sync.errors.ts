import { DomainError } from '../common/errors/domain.error';

/** No order of this id in the account's stored copy (never synced, or not the account's). */
export class OrderNotFoundError extends DomainError {
  readonly kind = 'not_found';
  override readonly code = 'order_not_found';
  constructor() {
    super('No stored order of this account has this orderId');
  }
}

export class TransactionNotFoundError extends DomainError {
  readonly kind = 'not_found';
  override readonly code = 'transaction_not_found';
  constructor() {
    super('No stored transaction of this account has this transactionId');
  }
}

/** A path id no eBay order or transaction could have: refused before the database is asked. */
export class InvalidRecordIdError extends DomainError {
  readonly kind = 'invalid';
  override readonly code: 'invalid_order_id' | 'invalid_transaction_id';
  constructor(name: 'orderId' | 'transactionId', rule: string) {
    super(`${name} must be ${rule}`);
    this.code = name === 'orderId' ? 'invalid_order_id' : 'invalid_transaction_id';
  }
}

/** A range whose start is after its end matches nothing: a mistake worth saying, not an empty page. */
export class InvalidDateRangeError extends DomainError {
  readonly kind = 'invalid';
  override readonly code = 'invalid_date_range';
  constructor(from: string, to: string) {
    super(`${from} is after ${to}: the range is empty`);
  }
}
