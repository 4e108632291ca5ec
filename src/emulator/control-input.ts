import type { AccountDeletionEndpoint, AccountDeletionRequest } from './account-deletion.types';
import { controlErrors } from './control-errors';
import {
  ACCOUNT_TYPES,
  BOOKING_ENTRIES,
  ORDER_FULFILLMENT_STATUSES,
  ORDER_PAYMENT_STATUSES,
  TRANSACTION_STATUSES,
  TRANSACTION_TYPES,
  USER_STATUSES,
} from './ebay-wire.types';
import type { EmulatorApp, EmulatorRuName, EmulatorUserSeed } from './emulator-options';
import {
  EBAY_ENDPOINTS,
  type FaultAction,
  type FaultSpec,
  type FaultTarget,
  GRANT_TYPES,
  HTTP_METHODS,
} from './fault-injector';
import { JsonFields } from './json-fields';
import type { NewOrder, NewTransaction, OrderChanges, TransactionChanges } from './seller-records';
import type { UserChanges } from './test-users';

/** The control API's request bodies, read into the types the state understands. */

const MAX_DELAY_MS = 10 * 60 * 1000;
const MAX_CLOCK_OFFSET_SECONDS = 10 * 366 * 24 * 60 * 60;

export function parseJsonText(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw controlErrors.invalid('The body is not valid JSON');
  }
}

export function parseFaultSpec(body: unknown): FaultSpec {
  const fields = JsonFields.of(body, 'fault', [
    'endpoint',
    'grantType',
    'method',
    'after',
    'count',
    'fraction',
    'mode',
    'status',
    'retryAfterSeconds',
    'body',
    'delayMs',
  ]);
  const endpoint = fields.oneOf('endpoint', EBAY_ENDPOINTS);
  if (endpoint === undefined) throw fields.invalid('endpoint', `one of ${EBAY_ENDPOINTS.join(', ')}`);
  const grantType = fields.oneOf('grantType', GRANT_TYPES);
  if (grantType !== undefined && endpoint !== 'token') {
    throw fields.invalid('grantType', 'given only for the token endpoint');
  }
  const method = fields.oneOf('method', HTTP_METHODS);
  const after = fields.integer('after', 0, 1_000_000);
  const count = fields.integer('count', 1, 1_000_000);
  const fraction = fields.number('fraction', Number.MIN_VALUE, 1);
  if (count !== undefined && fraction !== undefined) throw fields.invalid('fraction', 'omitted when count is given');
  const target: FaultTarget = { endpoint, grantType, method, after, count, fraction };
  return { ...target, ...parseFaultAction(fields) };
}

function parseFaultAction(fields: JsonFields): FaultAction {
  const mode = fields.oneOf('mode', ['status', 'hang', 'close', 'malformed'] as const);
  const refuse = (...keys: string[]): void => {
    for (const key of keys) if (fields.has(key)) throw fields.invalid(key, `omitted for mode ${mode ?? ''}`);
  };
  switch (mode) {
    case 'status': {
      refuse('delayMs');
      const status = fields.integer('status', 400, 599);
      if (status === undefined) throw fields.invalid('status', 'an integer from 400 to 599');
      const retryAfterSeconds = fields.integer('retryAfterSeconds', 0, 86_400);
      return { mode, status, retryAfterSeconds, body: fields.raw('body') };
    }
    case 'hang': {
      refuse('status', 'retryAfterSeconds', 'body');
      const delayMs = fields.integer('delayMs', 1, MAX_DELAY_MS);
      if (delayMs === undefined) throw fields.invalid('delayMs', `an integer from 1 to ${MAX_DELAY_MS}`);
      return { mode, delayMs };
    }
    case 'close':
      refuse('status', 'retryAfterSeconds', 'body', 'delayMs');
      return { mode };
    case 'malformed':
      refuse('retryAfterSeconds', 'body', 'delayMs');
      return { mode, status: fields.integer('status', 200, 599) };
    case undefined:
      throw fields.invalid('mode', 'one of status, hang, close, malformed');
  }
}

/** `{"limit": n}` sets a resource's daily limit, `{"limit": null}` restores eBay's. */
export function parseDailyLimit(body: unknown): number | undefined {
  const fields = JsonFields.of(body, 'rate limit', ['limit']);
  if (fields.raw('limit') === null) return undefined;
  const limit = fields.integer('limit', 0, 100_000_000);
  if (limit === undefined) throw fields.invalid('limit', 'an integer from 0 to 100000000, or null');
  return limit;
}

export function parseLatency(body: unknown): number {
  const latencyMs = JsonFields.of(body, 'latency', ['latencyMs']).integer('latencyMs', 0, 60_000);
  if (latencyMs === undefined) throw controlErrors.invalid('latency.latencyMs must be an integer from 0 to 60000');
  return latencyMs;
}

export function parseClockOffset(body: unknown): number {
  const fields = JsonFields.of(body, 'clock', ['offsetSeconds']);
  const offset = fields.number('offsetSeconds', -MAX_CLOCK_OFFSET_SECONDS, MAX_CLOCK_OFFSET_SECONDS);
  if (offset === undefined) throw fields.invalid('offsetSeconds', 'a number of seconds');
  return offset;
}

/** `{}` invalidates every access token, `{"username": …}` one seller's. */
export function parseInvalidation(body: unknown): string | undefined {
  return JsonFields.of(body, 'invalidation', ['username']).string('username');
}

export function parseUserSeed(body: unknown): EmulatorUserSeed {
  const fields = JsonFields.of(body, 'user', [
    'username',
    'userId',
    'accountType',
    'registrationMarketplaceId',
    'status',
    'orderCount',
  ]);
  return {
    username: fields.requiredString('username'),
    userId: fields.string('userId'),
    accountType: fields.oneOf('accountType', ACCOUNT_TYPES),
    registrationMarketplaceId: fields.string('registrationMarketplaceId'),
    status: fields.oneOf('status', USER_STATUSES),
    orderCount: fields.integer('orderCount', 0, 5000),
  };
}

export function parseUserChanges(body: unknown): UserChanges {
  const fields = JsonFields.of(body, 'user', ['username', 'accountType', 'registrationMarketplaceId', 'status']);
  return {
    username: fields.string('username'),
    accountType: fields.oneOf('accountType', ACCOUNT_TYPES),
    registrationMarketplaceId: fields.string('registrationMarketplaceId'),
    status: fields.oneOf('status', USER_STATUSES),
  };
}

export function parseNewOrder(body: unknown): NewOrder {
  const fields = JsonFields.of(body, 'order', [
    'orderId',
    'creationDate',
    'buyerUsername',
    'title',
    'total',
    'orderFulfillmentStatus',
    'orderPaymentStatus',
  ]);
  return {
    orderId: fields.string('orderId'),
    creationDate: fields.timestamp('creationDate'),
    buyerUsername: fields.string('buyerUsername'),
    title: fields.string('title'),
    total: fields.money('total'),
    orderFulfillmentStatus: fields.oneOf('orderFulfillmentStatus', ORDER_FULFILLMENT_STATUSES),
    orderPaymentStatus: fields.oneOf('orderPaymentStatus', ORDER_PAYMENT_STATUSES),
  };
}

export function parseOrderChanges(body: unknown): OrderChanges {
  const fields = JsonFields.of(body, 'order', ['orderFulfillmentStatus', 'orderPaymentStatus']);
  return {
    orderFulfillmentStatus: fields.oneOf('orderFulfillmentStatus', ORDER_FULFILLMENT_STATUSES),
    orderPaymentStatus: fields.oneOf('orderPaymentStatus', ORDER_PAYMENT_STATUSES),
  };
}

export function parseNewTransaction(body: unknown): NewTransaction {
  const fields = JsonFields.of(body, 'transaction', [
    'transactionId',
    'transactionType',
    'transactionStatus',
    'transactionDate',
    'amount',
    'bookingEntry',
    'orderId',
  ]);
  return {
    transactionId: fields.string('transactionId'),
    transactionType: fields.oneOf('transactionType', TRANSACTION_TYPES),
    transactionStatus: fields.oneOf('transactionStatus', TRANSACTION_STATUSES),
    transactionDate: fields.timestamp('transactionDate'),
    amount: fields.money('amount'),
    bookingEntry: fields.oneOf('bookingEntry', BOOKING_ENTRIES),
    orderId: fields.string('orderId'),
  };
}

export function parseTransactionChanges(body: unknown): TransactionChanges {
  const fields = JsonFields.of(body, 'transaction', ['transactionStatus', 'amount']);
  return { transactionStatus: fields.oneOf('transactionStatus', TRANSACTION_STATUSES), amount: fields.money('amount') };
}

export function parseApp(body: unknown): EmulatorApp {
  const fields = JsonFields.of(body, 'app', ['clientId', 'clientSecret', 'ruNames']);
  return {
    clientId: fields.requiredString('clientId'),
    clientSecret: fields.requiredString('clientSecret'),
    ruNames: (fields.array('ruNames') ?? []).map(parseRuName),
  };
}

export function parseRuName(body: unknown): EmulatorRuName {
  const fields = JsonFields.of(body, 'ruName', ['ruName', 'acceptUrl', 'declineUrl']);
  return {
    ruName: fields.requiredString('ruName'),
    acceptUrl: fields.requiredString('acceptUrl'),
    declineUrl: fields.requiredString('declineUrl'),
  };
}

/** eBay's rule for the verification token a developer enters with the endpoint. */
const VERIFICATION_TOKEN = /^[A-Za-z0-9_-]{32,80}$/;

export function parseAccountDeletionEndpoint(body: unknown): AccountDeletionEndpoint {
  const fields = JsonFields.of(body, 'endpoint', ['endpointUrl', 'verificationToken']);
  const endpointUrl = fields.requiredString('endpointUrl');
  if (!/^https?:\/\//i.test(endpointUrl) || !URL.canParse(endpointUrl)) throw fields.invalid('endpointUrl', 'an absolute http(s) URL');
  const verificationToken = fields.requiredString('verificationToken');
  if (!VERIFICATION_TOKEN.test(verificationToken)) throw fields.invalid('verificationToken', '32 to 80 characters of A-Z a-z 0-9 _ -');
  return { endpointUrl, verificationToken };
}

export function parseAccountDeletionRequest(body: unknown): AccountDeletionRequest {
  const fields = JsonFields.of(body, 'notification', ['username', 'userId', 'notificationId', 'topic', 'publishAttemptCount']);
  const request: AccountDeletionRequest = {
    username: fields.string('username'),
    userId: fields.string('userId'),
    notificationId: fields.string('notificationId'),
    topic: fields.string('topic'),
    publishAttemptCount: fields.integer('publishAttemptCount', 1, 1000),
  };
  if (request.username === undefined && request.userId === undefined) throw fields.invalid('username', 'given, or userId');
  return request;
}
