/**
 * The REST calls eBay refuses for EU/UK-domiciled sellers without a digital signature
 * (docs/ebay.md, section 9): every Finances method, Fulfillment issueRefund, and the Post-Order
 * methods that refund, decide a return or handle a cancellation. (Trading GetAccount needs one
 * too, but it is not REST.) eBay ignores a signature anywhere else, so the match is generous:
 * any letter case, a trailing slash, percent-encoded letters, any method on Finances.
 */
const ANY_METHOD_PATHS: readonly RegExp[] = [/^\/sell\/finances(\/|$)/i];

const SEGMENT = '[^/]+';
const POST_PATHS: readonly RegExp[] = [
  // Fulfillment issueRefund.
  `/sell/fulfillment/v1/order/${SEGMENT}/issue_refund`,
  // Post-Order: issue inquiry refund, issue case refund, issue return refund.
  `/post-order/v2/inquiry/${SEGMENT}/issue_refund`,
  `/post-order/v2/casemanagement/${SEGMENT}/issue_refund`,
  `/post-order/v2/return/${SEGMENT}/issue_refund`,
  // Post-Order: process return request.
  `/post-order/v2/return/${SEGMENT}/decide`,
  // Post-Order: create cancellation request, approve cancellation request.
  '/post-order/v2/cancellation',
  `/post-order/v2/cancellation/${SEGMENT}/approve`,
].map((path) => new RegExp(`^${path}/?$`, 'i'));

/** True when eBay wants `method` on `path` (the eBay path, with or without a query) signed. */
export function isSignatureRequired(method: string, path: string): boolean {
  const pathOnly = decoded(path.split('?', 1)[0]);
  if (ANY_METHOD_PATHS.some((pattern) => pattern.test(pathOnly))) return true;
  return method.toUpperCase() === 'POST' && POST_PATHS.some((pattern) => pattern.test(pathOnly));
}

/** eBay reads `/sell/%66inances` as `/sell/finances`; so does the match. */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
