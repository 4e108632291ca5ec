import { Router } from 'express';
import { authorizeSeller } from './bearer-auth';
import { EBAY_APIS } from './ebay-apis';
import { ebayEndpoint, type EndpointContext } from './ebay-endpoint';
import { buildPage, pageOf } from './ebay-page';
import { SCOPES } from './ebay-scopes';
import { originOf, searchParamsOf } from './http-request';
import { matchOrders, ORDER_PAGING, parseOrderQuery } from './order-query';
import { restErrorHandler } from './rest-error-handler';

/** Fulfillment getOrders. */
export const ORDERS_PATH = '/sell/fulfillment/v1/order';

export function fulfillmentRoutes(context: EndpointContext): Router {
  const { state } = context;
  const router = Router();
  router.get(ORDERS_PATH, ebayEndpoint('orders', context), (req, res) => {
    const seller = authorizeSeller(req, [SCOPES.fulfillment, SCOPES.fulfillmentReadonly], state, EBAY_APIS.fulfillment);
    const query = parseOrderQuery(searchParamsOf(req), state.clock.nowMs());
    const resourceUrl = `${originOf(req, context.baseUrlOf('api'))}${ORDERS_PATH}`;
    const orders = state.records.orders(seller.userId);
    if (query.kind === 'ids') {
      const wanted = new Set(query.orderIds);
      // Ids the seller does not have are left out, as eBay does.
      const found = orders.filter((order) => wanted.has(order.orderId));
      const ids = query.orderIds.join(',');
      res.json({
        href: `${resourceUrl}?orderIds=${encodeURIComponent(ids)}`,
        total: found.length,
        limit: ORDER_PAGING.defaultLimit,
        offset: 0,
        orders: found,
        warnings: [],
      });
      return;
    }
    const matching = matchOrders(orders, query);
    const carried: [string, string][] = query.filter === undefined ? [] : [['filter', query.filter]];
    res.json({
      ...buildPage(resourceUrl, carried, matching.length, query.page),
      orders: pageOf(matching, query.page),
      warnings: [],
    });
  });
  router.use(ORDERS_PATH, restErrorHandler);
  return router;
}
