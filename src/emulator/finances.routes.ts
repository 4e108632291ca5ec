import { Router } from 'express';
import { authorizeSeller } from './bearer-auth';
import { EBAY_APIS } from './ebay-apis';
import { ebayEndpoint, type EndpointContext } from './ebay-endpoint';
import { buildPage, pageOf } from './ebay-page';
import { SCOPES } from './ebay-scopes';
import { originOf, readRestBody, searchParamsOf } from './http-request';
import { restErrorHandler } from './rest-error-handler';
import { requireSignature } from './signature-verifier';
import { matchTransactions, parseTransactionQuery } from './transaction-query';

/** Finances getTransactions, on the apiz host. */
export const TRANSACTIONS_PATH = '/sell/finances/v1/transaction';

const BODY_LIMIT_BYTES = 64 * 1024;

export function financesRoutes(context: EndpointContext): Router {
  const { state } = context;
  const router = Router();
  router.get(TRANSACTIONS_PATH, ebayEndpoint('transactions', context), async (req, res) => {
    const seller = authorizeSeller(req, [SCOPES.finances], state, EBAY_APIS.finances);
    // Finances reads take no body; one sent anyway is what a Content-Digest must match.
    requireSignature(req, seller, await readRestBody(req, BODY_LIMIT_BYTES), state);
    const query = parseTransactionQuery(searchParamsOf(req));
    const matching = matchTransactions(state.records.transactions(seller.userId), query);
    // eBay's documented answer when nothing matches: 204 and no body at all.
    if (matching.length === 0) {
      res.status(204).end();
      return;
    }
    const resourceUrl = `${originOf(req, context.baseUrlOf('apiz'))}${TRANSACTIONS_PATH}`;
    res.json({
      ...buildPage(resourceUrl, query.carriedParams, matching.length, query.page),
      transactions: pageOf(matching, query.page),
    });
  });
  router.use(TRANSACTIONS_PATH, restErrorHandler);
  return router;
}
