import { type Request, Router } from 'express';
import { authorizeSeller } from './bearer-auth';
import { EBAY_APIS } from './ebay-apis';
import { ebayEndpoint, type EndpointContext } from './ebay-endpoint';
import { buildPage, pageOf } from './ebay-page';
import { SCOPES } from './ebay-scopes';
import { gatewayErrors } from './ebay-errors';
import type { EbayUser } from './ebay-wire.types';
import type { EmulatorState } from './emulator-state';
import { BodyTooLargeError, originOf, readRawBody, searchParamsOf } from './http-request';
import { restErrorHandler } from './rest-error-handler';
import { mustSign, verifySignedRequest } from './signature-verifier';
import { matchTransactions, parseTransactionQuery } from './transaction-query';

/** Finances getTransactions, on the apiz host. */
export const TRANSACTIONS_PATH = '/sell/finances/v1/transaction';

const BODY_LIMIT_BYTES = 64 * 1024;

export function financesRoutes(context: EndpointContext): Router {
  const { state } = context;
  const router = Router();
  router.get(TRANSACTIONS_PATH, ebayEndpoint('transactions', context), async (req, res) => {
    const seller = authorizeSeller(req, [SCOPES.finances], state, EBAY_APIS.finances);
    await requireSignature(req, seller, state);
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

/**
 * Every Finances method wants an EU or UK seller's call signed (docs/ebay.md, section 9); other
 * sellers' calls pass, and whatever signature they carry is not looked at, as at eBay.
 */
async function requireSignature(req: Request, seller: EbayUser, state: EmulatorState): Promise<void> {
  if (!mustSign(seller)) return;
  let body: Buffer;
  try {
    body = await readRawBody(req, BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw gatewayErrors.invalidRequest(413);
    throw error;
  }
  verifySignedRequest(req, body, state);
}
