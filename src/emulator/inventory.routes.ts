import { type Request, Router } from 'express';
import { authorizeSeller } from './bearer-auth';
import { EBAY_APIS } from './ebay-apis';
import { ebayEndpoint, type EndpointContext } from './ebay-endpoint';
import { gatewayErrors, inventoryErrors } from './ebay-errors';
import { SCOPES } from './ebay-scopes';
import { readRestBody } from './http-request';
import { inventoryItemBody } from './inventory-items';
import { restErrorHandler } from './rest-error-handler';

/** Sell Inventory's inventory item, on the api host; followed by the SKU. */
export const INVENTORY_ITEM_PATH = '/sell/inventory/v1/inventory_item/';

const BODY_LIMIT_BYTES = 1024 * 1024;
const MAX_SKU_LENGTH = 50;
// A locale as eBay's Content-Language takes it: en-US, de-DE, fr-CA…
const CONTENT_LANGUAGE = /^([a-z]{2})[-_]([a-z]{2})$/i;

/**
 * createOrReplaceInventoryItem (PUT, 204), getInventoryItem (GET, 200) and
 * deleteInventoryItem (DELETE, 204), each a seller's call with `sell.inventory` (GET also
 * with `sell.inventory.readonly`). An unknown SKU is eBay's 404 with errorId 25710.
 */
export function inventoryRoutes(context: EndpointContext): Router {
  const { state } = context;
  const router = Router();
  const path = `${INVENTORY_ITEM_PATH}:sku`;
  const endpoint = ebayEndpoint('inventoryItem', context);

  router.put(path, endpoint, async (req, res) => {
    const seller = authorizeSeller(req, [SCOPES.inventory], state, EBAY_APIS.inventory);
    const sku = skuOf(req);
    const locale = localeOf(req.headers['content-language']);
    const item = await itemOf(req);
    state.inventory.put(seller.userId, { sku, locale, item });
    res.status(204).end();
  });

  router.get(path, endpoint, (req, res) => {
    const seller = authorizeSeller(req, [SCOPES.inventory, SCOPES.inventoryReadonly], state, EBAY_APIS.inventory);
    const stored = state.inventory.find(seller.userId, skuOf(req));
    if (stored === undefined) throw inventoryErrors.notFound();
    res.json(inventoryItemBody(stored));
  });

  router.delete(path, endpoint, (req, res) => {
    const seller = authorizeSeller(req, [SCOPES.inventory], state, EBAY_APIS.inventory);
    if (!state.inventory.delete(seller.userId, skuOf(req))) throw inventoryErrors.notFound();
    res.status(204).end();
  });

  router.use(INVENTORY_ITEM_PATH, restErrorHandler);
  return router;
}

function skuOf(req: Request): string {
  const sku = req.params.sku;
  if (typeof sku !== 'string' || sku === '' || sku.length > MAX_SKU_LENGTH) throw inventoryErrors.invalidSku();
  return sku;
}

/** `en-US` as eBay stores it on the item: `en_US`. Anything else is eBay's 25709. */
function localeOf(header: string | undefined): string {
  const match = CONTENT_LANGUAGE.exec(header?.trim() ?? '');
  if (match === null) throw inventoryErrors.invalidContentLanguage();
  return `${match[1]?.toLowerCase()}_${match[2]?.toUpperCase()}`;
}

/** The JSON object sent, without the `sku` and `locale` eBay sets itself. */
async function itemOf(req: Request): Promise<Record<string, unknown>> {
  const text = (await readRestBody(req, BODY_LIMIT_BYTES)).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw gatewayErrors.invalidRequest();
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw gatewayErrors.invalidRequest();
  const { sku: _sku, locale: _locale, ...item } = body as Record<string, unknown>;
  return item;
}
