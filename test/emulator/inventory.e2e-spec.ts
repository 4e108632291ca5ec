import { EBAY_SCOPES } from '../../src/emulator';
import { connectSeller, ebayError, SELLER_SCOPES, startTestEmulator, type TestEmulator } from './emulator-test-kit';

const INVENTORY = 'https://api.ebay.com/oauth/api_scope/sell.inventory';
const INVENTORY_READONLY = 'https://api.ebay.com/oauth/api_scope/sell.inventory.readonly';

const ITEM = {
  availability: { shipToLocationAvailability: { quantity: 3 } },
  condition: 'USED_EXCELLENT',
  product: {
    title: 'Vintage Polaroid SX-70 Land Camera, tested',
    description: 'Folds flat, film tested.',
    aspects: { Brand: ['Polaroid'] },
    imageUrls: ['https://example.com/sx70.jpg'],
  },
};

describe('emulator: Sell Inventory inventory_item/{sku}', () => {
  let t: TestEmulator;
  let token: string;
  let otherSellerToken: string;

  const itemUrl = (sku: string): string => `${t.baseUrl}/sell/inventory/v1/inventory_item/${encodeURIComponent(sku)}`;
  const put = (sku: string, body: unknown, headers: Record<string, string> = {}, accessToken = token): Promise<Response> =>
    fetch(itemUrl(sku), {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        'content-language': 'en-US',
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const call = (method: 'GET' | 'DELETE', sku: string, accessToken = token): Promise<Response> =>
    fetch(itemUrl(sku), { method, headers: { authorization: `Bearer ${accessToken}` } });

  beforeAll(async () => {
    t = await startTestEmulator();
    token = (await connectSeller(t.baseUrl, 'seller_one', [...SELLER_SCOPES, INVENTORY])).access_token;
    otherSellerToken = (await connectSeller(t.baseUrl, 'seller_two', [...SELLER_SCOPES, INVENTORY])).access_token;
  });
  afterAll(async () => {
    await t.emulator.close();
  });

  it('stores an item with PUT (204, no body) and answers it with GET, with its sku and locale', async () => {
    const created = await put('CAM-SX70', ITEM);

    expect(created.status).toBe(204);
    expect(await created.text()).toBe('');
    const read = await call('GET', 'CAM-SX70');
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ ...ITEM, sku: 'CAM-SX70', locale: 'en_US' });
  });

  it('replaces the item on a second PUT', async () => {
    await put('LEGO-42115', ITEM);

    expect((await put('LEGO-42115', { ...ITEM, condition: 'NEW' }, { 'content-language': 'de-DE' })).status).toBe(204);

    expect(await (await call('GET', 'LEGO-42115')).json()).toMatchObject({ condition: 'NEW', locale: 'de_DE' });
  });

  it("refuses a PUT without a Content-Language header with eBay's 400 (25709), storing nothing", async () => {
    const response = await fetch(itemUrl('NO-LANG'), {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(ITEM),
    });

    expect(response.status).toBe(400);
    expect(await ebayError(response)).toMatchObject({ errorId: 25709, domain: 'API_INVENTORY' });
    expect((await call('GET', 'NO-LANG')).status).toBe(404);
  });

  it('refuses a body that is not a JSON object and a SKU over 50 characters', async () => {
    for (const body of ['{"product":', '[1,2]', '"text"']) {
      const response = await put('BAD-BODY', body);
      expect(response.status).toBe(400);
      expect((await ebayError(response)).errorId).toBe(2004);
    }
    const longSku = await put('S'.repeat(51), ITEM);
    expect(longSku.status).toBe(400);
    expect((await ebayError(longSku)).errorId).toBe(25707);
  });

  it("answers eBay's 404 (25710) for a SKU the seller does not have, on GET and DELETE", async () => {
    for (const method of ['GET', 'DELETE'] as const) {
      const response = await call(method, 'NEVER-WRITTEN');
      expect(response.status).toBe(404);
      expect(await ebayError(response)).toMatchObject({
        errorId: 25710,
        domain: 'API_INVENTORY',
        message: "We didn't find the resource/entity you are requesting. Please verify the request",
      });
    }
  });

  it('deletes an item (204), after which it is gone', async () => {
    await put('TO-DELETE', ITEM);

    const deleted = await call('DELETE', 'TO-DELETE');

    expect(deleted.status).toBe(204);
    expect((await call('GET', 'TO-DELETE')).status).toBe(404);
    expect((await call('DELETE', 'TO-DELETE')).status).toBe(404);
  });

  it("keeps each seller's items apart", async () => {
    await put('MINE-ONLY', ITEM);

    expect((await call('GET', 'MINE-ONLY', otherSellerToken)).status).toBe(404);
  });

  it('needs sell.inventory to write and lets sell.inventory.readonly read', async () => {
    const readonly = (await connectSeller(t.baseUrl, 'seller_one', [EBAY_SCOPES.public, INVENTORY_READONLY])).access_token;
    await put('READABLE', ITEM);

    const write = await put('READABLE', ITEM, {}, readonly);

    expect(write.status).toBe(403);
    expect((await ebayError(write)).errorId).toBe(1100);
    expect((await call('GET', 'READABLE', readonly)).status).toBe(200);
    expect((await call('DELETE', 'READABLE', readonly)).status).toBe(403);
  });

  it('answers a fault narrowed to PUT on PUT only', async () => {
    await put('FAULTED', ITEM);
    await t.control.addFault({ endpoint: 'inventoryItem', method: 'PUT', mode: 'status', status: 503 });

    expect((await call('GET', 'FAULTED')).status).toBe(200);
    const faulted = await put('FAULTED', ITEM);

    expect(faulted.status).toBe(503);
    expect((await ebayError(faulted)).errorId).toBe(2003);
    expect((await put('FAULTED', ITEM)).status).toBe(204);
  });

  it('lists a seller’s items through the control API', async () => {
    await put('LISTED', ITEM);

    const items = await t.control.inventoryItems('seller_one');

    expect(items.find((item) => item.sku === 'LISTED')).toEqual({ ...ITEM, sku: 'LISTED', locale: 'en_US' });
  });
});
