import { isSignatureRequired } from './signature-scope';

describe('isSignatureRequired', () => {
  it.each([
    ['GET', '/sell/finances/v1/transaction'],
    ['GET', '/sell/finances/v1/transaction?filter=transactionDate:[2026-01-01T00:00:00.000Z..]&limit=1000'],
    ['GET', '/sell/finances/v1/payout/6000000000'],
    ['GET', '/sell/finances/v1/seller_funds_summary'],
    ['POST', '/sell/finances/v1/transfer'],
    ['get', '/sell/finances'],
    ['POST', '/sell/fulfillment/v1/order/12-34567-89012/issue_refund'],
    ['post', '/sell/fulfillment/v1/order/12-34567-89012/issue_refund/'],
    ['POST', '/post-order/v2/inquiry/5000000001/issue_refund'],
    ['POST', '/post-order/v2/casemanagement/5000000002/issue_refund'],
    ['POST', '/post-order/v2/return/5000000003/issue_refund'],
    ['POST', '/post-order/v2/return/5000000003/decide'],
    ['POST', '/post-order/v2/cancellation'],
    ['POST', '/post-order/v2/cancellation/5000000004/approve'],
    ['POST', '/Post-Order/v2/Cancellation/5000000004/Approve'],
    ['GET', '/sell/%66inances/v1/transaction'],
  ])('signs %s %s', (method, path) => {
    expect(isSignatureRequired(method, path)).toBe(true);
  });

  it.each([
    ['GET', '/sell/fulfillment/v1/order'],
    ['GET', '/sell/fulfillment/v1/order/12-34567-89012'],
    ['GET', '/sell/fulfillment/v1/order/12-34567-89012/issue_refund'],
    ['POST', '/sell/fulfillment/v1/order/12-34567-89012/shipping_fulfillment'],
    ['POST', '/sell/fulfillment/v1/order//issue_refund'],
    ['POST', '/sell/fulfillment/v1/order/a/b/issue_refund'],
    ['GET', '/sell/financesx/v1/transaction'],
    ['GET', '/commerce/identity/v1/user/'],
    ['PUT', '/sell/inventory/v1/inventory_item/sku-1'],
    ['GET', '/post-order/v2/cancellation/5000000004'],
    ['GET', '/post-order/v2/cancellation/search'],
    ['POST', '/post-order/v2/cancellation/check_eligibility'],
    ['POST', '/post-order/v2/cancellation/5000000004/reject'],
    ['POST', '/post-order/v2/return/5000000003/escalate'],
    ['POST', '/post-order/v2/inquiry/5000000001/escalate'],
    ['POST', '/developer/key_management/v1/signing_key'],
  ])('leaves %s %s unsigned', (method, path) => {
    expect(isSignatureRequired(method, path)).toBe(false);
  });
});
