import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EbayUser, EmulatorOptions } from '../../src/emulator';
import {
  connectSeller,
  createSigningKey,
  getWithToken,
  refresh,
  SELLER_SCOPES,
  signedGet,
  startTestEmulator,
  type TestEmulator,
} from './emulator-test-kit';

const IDENTITY = '/commerce/identity/v1/user/';
const INVENTORY = 'https://api.ebay.com/oauth/api_scope/sell.inventory';

/** The parts of the file the specs look at; docs/emulator.md describes the whole. */
interface StateFileView {
  format: string;
  version: number;
  tokens: { codes: unknown[]; refreshTokens: { token: string }[]; accessTokens: { token: string }[] };
}

describe('emulator: state file', () => {
  let directory: string;
  let stateFile: string;
  let running: TestEmulator | undefined;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'emulator-state-'));
    stateFile = join(directory, 'emulator-state.json');
  });
  afterEach(async () => {
    await running?.emulator.close();
    running = undefined;
    await rm(directory, { recursive: true, force: true });
  });

  /** One emulator on the spec's file at a time: the previous one is closed (and flushed) first. */
  async function restart(options: EmulatorOptions = {}): Promise<TestEmulator> {
    await running?.emulator.close();
    running = await startTestEmulator({ stateFile, ...options });
    return running;
  }

  async function readStateFile(): Promise<StateFileView> {
    return JSON.parse(await readFile(stateFile, 'utf8')) as StateFileView;
  }

  it('keeps a seller connected through a restart: tokens, orders and control API changes', async () => {
    const first = await restart();
    const tokens = await connectSeller(first.baseUrl, 'seller_one');
    await first.control.updateUser('seller_one', { accountType: 'INDIVIDUAL', status: 'UNCONFIRMED' });
    const added = await first.control.addOrder('seller_one', { total: '42.50' });
    await first.control.updateOrder('seller_one', added.orderId, { orderFulfillmentStatus: 'FULFILLED' });
    await first.control.addUser({ username: 'seller_added', orderCount: 3 });
    const users = await first.control.users();
    const orders = await first.control.orders('seller_one');
    const transactions = await first.control.transactions('seller_one');

    const second = await restart();

    const identity = await getWithToken(second.apizBaseUrl, IDENTITY, tokens.access_token);
    expect(identity.status).toBe(200);
    expect((await identity.json()) as EbayUser).toMatchObject({
      username: 'seller_one',
      accountType: 'INDIVIDUAL',
      status: 'UNCONFIRMED',
    });
    const refreshed = await refresh(second.baseUrl, tokens.refresh_token);
    expect(refreshed.status).toBe(200);
    const { access_token: newAccessToken } = (await refreshed.json()) as { access_token: string };
    expect((await getWithToken(second.apizBaseUrl, IDENTITY, newAccessToken)).status).toBe(200);
    expect(await second.control.users()).toEqual(users);
    expect(await second.control.orders('seller_one')).toEqual(orders);
    expect(await second.control.transactions('seller_one')).toEqual(transactions);
    expect(orders.find((order) => order.orderId === added.orderId)?.orderFulfillmentStatus).toBe('FULFILLED');

    const known = new Set(orders.flatMap((order) => [order.orderId, ...order.lineItems.map((item) => item.lineItemId)]));
    const next = await second.control.addOrder('seller_one');
    expect(known.has(next.orderId)).toBe(false);
    expect(known.has(next.lineItems[0]?.lineItemId ?? '')).toBe(false);
  });

  it("keeps signing keys and inventory items: a key made before a restart still signs a UK seller's calls", async () => {
    const first = await restart();
    const key = await createSigningKey(first);
    const tokens = await connectSeller(first.baseUrl, 'seller_two', [...SELLER_SCOPES, INVENTORY]);
    const put = await fetch(`${first.baseUrl}/sell/inventory/v1/inventory_item/KEPT-1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json', 'content-language': 'en-GB' },
      body: JSON.stringify({ condition: 'NEW' }),
    });
    expect(put.status).toBe(204);

    const second = await restart();

    const signed = await signedGet(`${second.apizBaseUrl}/sell/finances/v1/transaction?limit=1`, tokens.access_token, key);
    expect(signed.status).toBe(200);
    expect(await second.control.inventoryItems('seller_two')).toEqual([{ condition: 'NEW', sku: 'KEPT-1', locale: 'en_GB' }]);
    const { privateKey: _privateKey, ...publicHalf } = key;
    expect(await second.control.signingKeys()).toEqual([{ ...publicHalf, clientId: expect.any(String) }]);
    expect(await readFile(stateFile, 'utf8')).not.toContain(key.privateKey);
  });

  it('keeps no test controls: faults and the clock offset start afresh', async () => {
    const first = await restart();
    await first.control.addFault({ endpoint: 'token', mode: 'status', status: 503, count: 5 });
    await first.control.setClockOffset(3600);
    // A change the file keeps, so it is written while the controls are set.
    const added = await first.control.addOrder('seller_two');

    const second = await restart();

    expect(await second.control.faults()).toEqual([]);
    expect((await second.control.clock()).offsetSeconds).toBe(0);
    expect((await second.control.orders('seller_two')).map((order) => order.orderId)).toContain(added.orderId);
  });

  it('writes a JSON file only its owner can read, and leaves expired tokens out of it', async () => {
    const first = await restart({ accessTokenTtlSeconds: 60 });
    const tokens = await connectSeller(first.baseUrl);
    await first.emulator.close();

    expect((await stat(stateFile)).mode & 0o777).toBe(0o600);
    const written = await readStateFile();
    expect(written).toMatchObject({ format: 'ebay-emulator-state', version: 2 });
    expect(written.tokens.refreshTokens.map((grant) => grant.token)).toEqual([tokens.refresh_token]);
    expect(written.tokens.accessTokens.map((grant) => grant.token)).toEqual([tokens.access_token]);
    expect(written.tokens.codes).toEqual([]);

    const second = await restart({ accessTokenTtlSeconds: 60 });
    await second.control.setClockOffset(61);
    await second.control.addOrder('seller_one');
    await second.emulator.close();

    const afterExpiry = await readStateFile();
    expect(afterExpiry.tokens.accessTokens).toEqual([]);
    expect(afterExpiry.tokens.refreshTokens.map((grant) => grant.token)).toEqual([tokens.refresh_token]);
  });

  it('resets the file with the control API: no tokens survive a reset and a restart', async () => {
    const first = await restart();
    const tokens = await connectSeller(first.baseUrl);
    await first.control.addUser({ username: 'seller_added' });

    await first.control.reset();
    await first.emulator.close();

    const written = await readStateFile();
    expect(written.tokens).toEqual({ codes: [], refreshTokens: [], accessTokens: [] });
    const second = await restart();
    expect((await refresh(second.baseUrl, tokens.refresh_token)).status).toBe(400);
    expect((await getWithToken(second.apizBaseUrl, IDENTITY, tokens.access_token)).status).toBe(401);
    expect((await second.control.users()).map((user) => user.username)).not.toContain('seller_added');
  });

  it.each([
    ['not JSON', '{"format":"ebay-emulator-state","version":1,"sellers":[{"us'],
    ['of an unknown format version', '{"format":"ebay-emulator-state","version":99}'],
  ])('starts fresh from a file that is %s, keeps the file aside and says so once', async (_case, content) => {
    await writeFile(stateFile, content);
    const lines: string[] = [];

    const t = await restart({ log: (line) => lines.push(line) });

    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(stateFile);
    expect((await t.control.users()).map((user) => user.username)).toEqual([
      'seller_one',
      'seller_two',
      'seller_three',
      'seller_quiet',
    ]);
    const aside = (await readdir(directory)).filter((name) => name.startsWith('emulator-state.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(lines[0]).toContain(aside[0]);
    expect(await readFile(join(directory, aside[0] ?? ''), 'utf8')).toBe(content);

    await connectSeller(t.baseUrl);
    await t.emulator.close();
    expect((await readStateFile()).tokens.refreshTokens).toHaveLength(1);
  });
});
