import { EbayApiError } from './ebay-errors';
import type { EbayTransaction } from './ebay-wire.types';
import { matchTransactions, parseTransactionQuery } from './transaction-query';

function aTransaction(transactionId: string, transactionDate: string, type: EbayTransaction['transactionType']): EbayTransaction {
  return {
    transactionId,
    transactionType: type,
    transactionStatus: 'PAYOUT',
    transactionDate,
    amount: { value: '1.00', currency: 'USD' },
    bookingEntry: type === 'SALE' ? 'CREDIT' : 'DEBIT',
  };
}

describe('transaction-query', () => {
  const newestFirst = [
    aTransaction('3', '2026-03-01T00:00:00.000Z', 'SALE'),
    aTransaction('2', '2026-02-01T00:00:00.000Z', 'NON_SALE_CHARGE'),
    aTransaction('1', '2026-01-01T00:00:00.000Z', 'SALE'),
  ];
  const ids = (query: string): string[] =>
    matchTransactions(newestFirst, parseTransactionQuery(new URLSearchParams(query))).map((item) => item.transactionId);

  it('pages 20 at a time by default and up to 1000', () => {
    expect(parseTransactionQuery(new URLSearchParams('')).page).toEqual({ limit: 20, offset: 0 });
    expect(parseTransactionQuery(new URLSearchParams('limit=1000')).page.limit).toBe(1000);
    expect(() => parseTransactionQuery(new URLSearchParams('limit=1001'))).toThrow(EbayApiError);
  });

  it('filters on transactionDate (inclusive) and a single transactionType', () => {
    expect(ids('filter=transactionDate:[2026-02-01T00:00:00.000Z..2026-03-01T00:00:00.000Z]')).toEqual(['3', '2']);
    expect(ids('filter=transactionType:{SALE}')).toEqual(['3', '1']);
    expect(() => ids('filter=transactionType:{SALE|REFUND}')).toThrow(EbayApiError);
    expect(() => ids('filter=transactionType:{PAYCHECK}')).toThrow(EbayApiError);
  });

  it('lists newest first unless sort=transactionDate, and carries filter and sort into links', () => {
    expect(ids('sort=-transactionDate')).toEqual(['3', '2', '1']);
    expect(ids('sort=transactionDate')).toEqual(['1', '2', '3']);
    expect(parseTransactionQuery(new URLSearchParams('sort=transactionDate&filter=transactionType:{SALE}')).carriedParams).toEqual([
      ['filter', 'transactionType:{SALE}'],
      ['sort', 'transactionDate'],
    ]);
  });
});
