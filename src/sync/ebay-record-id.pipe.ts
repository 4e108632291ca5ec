import { type PipeTransform } from '@nestjs/common';
import { EBAY_RECORD_ID, EBAY_RECORD_ID_RULE } from './ebay-record-vocabulary';
import { InvalidRecordIdError } from './sync.errors';

/** Checks an order or transaction id in the path: one eBay could have written, or 400. */
export class EbayRecordIdPipe implements PipeTransform<string, string> {
  constructor(private readonly name: 'orderId' | 'transactionId') {}

  transform(value: string): string {
    if (!EBAY_RECORD_ID.test(value)) throw new InvalidRecordIdError(this.name, EBAY_RECORD_ID_RULE);
    return value;
  }
}
