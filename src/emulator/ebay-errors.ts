/**
 * eBay's REST error envelope and the errors the emulated APIs answer with. The ids, domains
 * and messages follow docs/ebay.md (sections 5, 7 and 8); where that marks them unsure (Finances)
 * they follow eBay's published error tables as closely as we know them.
 */

export interface EbayErrorDetail {
  errorId: number;
  domain: string;
  category: 'REQUEST' | 'APPLICATION' | 'BUSINESS';
  message: string;
  longMessage: string;
}

export interface EbayErrorEnvelope {
  errors: EbayErrorDetail[];
}

/** Thrown by the REST handlers; the REST error middleware turns it into the envelope. */
export class EbayApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: EbayErrorDetail,
  ) {
    super(detail.message);
    this.name = 'EbayApiError';
  }

  get body(): EbayErrorEnvelope {
    return { errors: [this.detail] };
  }
}

function apiError(status: number, detail: EbayErrorDetail): EbayApiError {
  return new EbayApiError(status, detail);
}

/** Errors every eBay REST API shares (OAuth and the API gateway). */
export const gatewayErrors = {
  invalidAccessToken: (): EbayApiError =>
    apiError(401, {
      errorId: 1001,
      domain: 'OAuth',
      category: 'REQUEST',
      message: 'Invalid access token',
      longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.',
    }),
  missingAccessToken: (): EbayApiError =>
    apiError(400, {
      errorId: 1002,
      domain: 'OAuth',
      category: 'REQUEST',
      message: 'Missing access token',
      longMessage: 'Access token is required. Set the Authorization HTTP request header.',
    }),
  accessDenied: (): EbayApiError =>
    apiError(403, {
      errorId: 1100,
      domain: 'ACCESS',
      category: 'REQUEST',
      message: 'Access denied',
      longMessage: 'Insufficient permissions to fulfill the request.',
    }),
  tooManyRequests: (): EbayApiError =>
    apiError(429, {
      errorId: 2001,
      domain: 'ACCESS',
      category: 'REQUEST',
      message: 'Too many requests',
      longMessage: 'The request limit has been reached for the resource.',
    }),
  resourceNotFound: (): EbayApiError =>
    apiError(404, {
      errorId: 2002,
      domain: 'ACCESS',
      category: 'REQUEST',
      message: 'Resource not found',
      longMessage: 'The requested resource does not exist. Check the request URI.',
    }),
  internalError: (status = 500): EbayApiError =>
    apiError(status, {
      errorId: 2003,
      domain: 'ACCESS',
      category: 'APPLICATION',
      message: 'Internal error',
      longMessage:
        'There was a problem with an eBay internal system or process. Contact eBay developer support for assistance.',
    }),
  invalidRequest: (status = 400): EbayApiError =>
    apiError(status, {
      errorId: 2004,
      domain: 'ACCESS',
      category: 'REQUEST',
      message: 'Invalid request',
      longMessage: 'The request has errors. For help, see the documentation for this API.',
    }),
};

/** The errors a date-range or paging parser raises, so one parser serves both APIs. */
export interface QueryErrors {
  invalidFilterName(name: string): EbayApiError;
  invalidFilterValue(name: string, value: string): EbayApiError;
  invalidDate(value: string): EbayApiError;
  startAfterEnd(name: string): EbayApiError;
  invalidLimit(value: string): EbayApiError;
  invalidOffset(value: string): EbayApiError;
}

function requestError(domain: string, errorId: number, message: string, longMessage = message): EbayApiError {
  return apiError(400, { errorId, domain, category: 'REQUEST', message, longMessage });
}

const FULFILLMENT = 'API_FULFILLMENT';

export const fulfillmentErrors: QueryErrors & { tooManyOrderIds(count: number): EbayApiError } = {
  invalidFilterName: (name) => requestError(FULFILLMENT, 30700, `Invalid filter name: ${name}`),
  invalidFilterValue: (name, value) =>
    requestError(FULFILLMENT, 30800, `Invalid filter value ${value} for filter ${name}`),
  invalidDate: (value) =>
    requestError(
      FULFILLMENT,
      30810,
      'Invalid date format',
      `Invalid date format: ${value}. Use ISO 8601 in UTC, e.g. 2026-01-01T00:00:00.000Z.`,
    ),
  startAfterEnd: (name) =>
    requestError(FULFILLMENT, 30840, 'Invalid date range', `The start of the ${name} range is after its end.`),
  // eBay documents a 50-id maximum for orderIds; this errorId is ours (docs/ebay.md, section 7).
  tooManyOrderIds: (count) =>
    requestError(FULFILLMENT, 30850, 'Too many order IDs', `At most 50 order IDs are allowed; ${count} were sent.`),
  invalidOffset: (value) =>
    requestError(FULFILLMENT, 31000, `Invalid offset: ${value}`, 'The offset must be an integer of 0 or more.'),
  invalidLimit: (value) =>
    requestError(FULFILLMENT, 31100, `Invalid limit: ${value}`, 'The limit must be an integer from 1 to 200.'),
};

const FINANCES = 'API_FINANCES';

/** eBay's 1350xx request errors, as we understand them (unsure: docs/ebay.md, section 8). */
export const financesErrors: QueryErrors & { invalidSort(value: string): EbayApiError } = {
  invalidFilterName: (name) => requestError(FINANCES, 135001, `Invalid filter name: ${name}`),
  invalidFilterValue: (name, value) => requestError(FINANCES, 135002, `Invalid value ${value} for filter ${name}`),
  invalidDate: (value) =>
    requestError(
      FINANCES,
      135002,
      `Invalid date: ${value}`,
      'Dates must be ISO 8601 in UTC, e.g. 2026-01-01T00:00:00.000Z.',
    ),
  startAfterEnd: (name) => requestError(FINANCES, 135002, `Invalid ${name} range: the start is after the end`),
  invalidSort: (value) => requestError(FINANCES, 135003, `Invalid sort value: ${value}`),
  invalidLimit: (value) =>
    requestError(FINANCES, 135005, `Invalid limit: ${value}`, 'The limit must be an integer from 1 to 1000.'),
  invalidOffset: (value) =>
    requestError(FINANCES, 135006, `Invalid offset: ${value}`, 'The offset must be an integer of 0 or more.'),
};

/**
 * The Notification API's answer for a key id it does not know. eBay documents the 404, not
 * this errorId, which is ours (docs/ebay.md, section 11).
 */
export const notificationErrors = {
  publicKeyNotFound: (): EbayApiError =>
    apiError(404, {
      errorId: 195004,
      domain: 'API_NOTIFICATION',
      category: 'REQUEST',
      message: 'The specified public key was not found.',
      longMessage: 'No public key has the specified public_key_id.',
    }),
};

const INVENTORY = 'API_INVENTORY';

/**
 * The Inventory API's errors. 25710 for an unknown SKU is eBay's (docs/ebay.md, section 12);
 * 25709 for the Content-Language header and 25707 for a SKU are what developers report eBay
 * answering (unsure: docs/emulator.md).
 */
export const inventoryErrors = {
  invalidContentLanguage: (): EbayApiError =>
    apiError(400, {
      errorId: 25709,
      domain: INVENTORY,
      category: 'REQUEST',
      message: 'Invalid value for header Content-Language.',
      longMessage: 'Invalid value for header Content-Language. Send a locale such as en-US.',
    }),
  invalidSku: (): EbayApiError =>
    apiError(400, {
      errorId: 25707,
      domain: INVENTORY,
      category: 'REQUEST',
      message: 'This is an invalid value for a SKU.',
      longMessage: 'This is an invalid value for a SKU. Its length must not exceed 50 characters.',
    }),
  notFound: (): EbayApiError =>
    apiError(404, {
      errorId: 25710,
      domain: INVENTORY,
      category: 'REQUEST',
      message: "We didn't find the resource/entity you are requesting. Please verify the request",
      longMessage: "We didn't find the resource/entity you are requesting. Please verify the request",
    }),
};

const KEY_MANAGEMENT = 'API_KEY_MANAGEMENT';

/** Key Management's errors. The 404 is eBay's; both errorIds are ours (unsure: docs/emulator.md). */
export const keyManagementErrors = {
  invalidCipher: (): EbayApiError =>
    apiError(400, {
      errorId: 265001,
      domain: KEY_MANAGEMENT,
      category: 'REQUEST',
      message: 'Invalid signingKeyCipher.',
      longMessage: 'The request body must be JSON with signingKeyCipher ED25519 or RSA.',
    }),
  keyNotFound: (): EbayApiError =>
    apiError(404, {
      errorId: 265002,
      domain: KEY_MANAGEMENT,
      category: 'REQUEST',
      message: 'The signing key was not found.',
      longMessage: 'No signing key of this application has the specified signingKeyId.',
    }),
};

/**
 * eBay's refusal of a call that needed a digital signature (an EU or UK seller's Finances call)
 * and came without a valid one. 215120 "Signature validation failed" is what developers report
 * eBay answering; the status, the domain and one id for every reason are ours (unsure:
 * docs/emulator.md). `reason` says which check failed.
 */
export const signatureErrors = {
  invalid: (reason: string): EbayApiError =>
    apiError(400, {
      errorId: 215120,
      domain: 'ACCESS',
      category: 'REQUEST',
      message: 'Signature validation failed',
      longMessage: `Signature validation failed: ${reason}`,
    }),
};

/** Fulfillment's refusals of an issueRefund (unsure, the emulator's ids: docs/emulator.md). */
export const refundErrors = {
  orderNotFound: (orderId: string): EbayApiError =>
    apiError(404, {
      errorId: 32100,
      domain: FULFILLMENT,
      category: 'REQUEST',
      message: `Invalid order ID: ${orderId}`,
      longMessage: `The seller has no order with the ID ${orderId}.`,
    }),
  invalidRefund: (reason: string): EbayApiError =>
    apiError(400, { errorId: 34900, domain: FULFILLMENT, category: 'REQUEST', message: 'Invalid refund request', longMessage: reason }),
};
