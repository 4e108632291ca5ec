import { financesErrors } from './ebay-errors';
import {
  type DateRange,
  isWithin,
  type PageRequest,
  parseAlternatives,
  parseDateRange,
  parsePaging,
  splitFilter,
} from './ebay-query';
import { type EbayTransaction, TRANSACTION_TYPES, type TransactionType } from './ebay-wire.types';

/** getTransactions' query, validated. */
export interface TransactionQuery {
  readonly range?: DateRange;
  readonly transactionType?: TransactionType;
  /** eBay lists newest first unless sort=transactionDate asks for oldest first. */
  readonly isOldestFirst: boolean;
  readonly page: PageRequest;
  /** filter and sort as sent, repeated in href/next/prev. */
  readonly carriedParams: ReadonlyArray<readonly [string, string]>;
}

export const TRANSACTION_PAGING = { defaultLimit: 20, maxLimit: 1000 } as const;

export function parseTransactionQuery(params: URLSearchParams): TransactionQuery {
  const filter = params.get('filter');
  const sort = params.get('sort');
  let range: DateRange | undefined;
  let transactionType: TransactionType | undefined;
  for (const [name, value] of splitFilter(filter ?? '', financesErrors)) {
    if (name === 'transactionDate') range = parseDateRange(name, value, financesErrors);
    else if (name === 'transactionType') transactionType = parseTransactionType(name, value);
    else throw financesErrors.invalidFilterName(name);
  }
  if (sort !== null && sort !== 'transactionDate' && sort !== '-transactionDate') throw financesErrors.invalidSort(sort);
  const carriedParams: [string, string][] = [];
  if (filter !== null) carriedParams.push(['filter', filter]);
  if (sort !== null) carriedParams.push(['sort', sort]);
  return {
    range,
    transactionType,
    isOldestFirst: sort === 'transactionDate',
    page: parsePaging(params, TRANSACTION_PAGING, financesErrors),
    carriedParams,
  };
}

/** The transactions a query matches, in its order; `transactions` is newest first. */
export function matchTransactions(
  transactions: readonly EbayTransaction[],
  query: TransactionQuery,
): EbayTransaction[] {
  const matching = transactions.filter(
    (transaction) =>
      (query.range === undefined || isWithin(Date.parse(transaction.transactionDate), query.range)) &&
      (query.transactionType === undefined || transaction.transactionType === query.transactionType),
  );
  return query.isOldestFirst ? matching.reverse() : matching;
}

function parseTransactionType(name: string, value: string): TransactionType {
  const alternatives = parseAlternatives(name, value, financesErrors);
  const type = TRANSACTION_TYPES.find((known) => known === alternatives[0]);
  // eBay takes a single type per request.
  if (alternatives.length !== 1 || type === undefined) throw financesErrors.invalidFilterValue(name, value);
  return type;
}
