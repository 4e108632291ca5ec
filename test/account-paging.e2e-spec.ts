import { randomBytes } from 'node:crypto';
import { houseNameKey } from '../src/accounts/house-name';
import { DEFAULT_EBAY_SCOPES } from '../src/config/default-ebay-scopes';
import type { RunningEmulator } from '../src/emulator';
import { connectAccount, startConnectedApp, startTestEbay } from './support/connected-app';
import type { TestApp } from './support/test-app';
import { withDatabase } from './support/test-database';
import { anEmail, registerAndLogin, type SignedInUser } from './support/users';

interface ListedAccount {
  readonly id: string;
  readonly orgId: string;
  readonly status: string;
  readonly scopes: string[];
  readonly token: Record<string, unknown>;
}

interface AccountsPage {
  readonly items: ListedAccount[];
  readonly total: number | null;
  readonly limit: number;
  readonly offset: number;
  readonly nextCursor: string | null;
}

/** An instant an hour away from now, with a millisecond part and three more digits. */
function microsecondsFromNow(hours: number, extraMicroseconds: string): string {
  return new Date(Date.now() + hours * 3_600_000).toISOString().replace('Z', `${extraMicroseconds}Z`);
}

describe('paging the account list', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let admin: SignedInUser;
  let alice: SignedInUser;
  let bob: SignedInUser;
  /** Within the 30 days in which the owner is asked to reconnect. */
  const consentEndsSoon = new Date(Date.now() + 10 * 86_400_000).toISOString();
  /** Token ciphertexts stored for alice's accounts, which no list may show. */
  const ciphertexts: string[] = [];

  async function list(user: SignedInUser, query: string): Promise<AccountsPage> {
    return (await t.http.get(`/api/ebay-accounts?${query}`).set(user.auth).expect(200)).body as AccountsPage;
  }

  /** Every page, the first by offset and the rest by cursor, as a client would walk them. */
  async function walk(user: SignedInUser, query: string): Promise<AccountsPage[]> {
    const pages = [await list(user, query)];
    for (let cursor = pages[0].nextCursor; cursor !== null; cursor = pages[pages.length - 1].nextCursor) {
      pages.push(await list(user, `${query}&after=${cursor}`));
      if (pages.length > 1_000) throw new Error('The cursor walk does not end');
    }
    return pages;
  }

  /** The order the list promises, as the database sorts it. */
  async function idsInOrder(orgId?: string): Promise<string[]> {
    const result = await withDatabase(t.database.url, (client) =>
      orgId === undefined
        ? client.query('SELECT id FROM ebay_accounts ORDER BY created_at, id')
        : client.query('SELECT id FROM ebay_accounts WHERE org_id = $1 ORDER BY created_at, id', [orgId]),
    );
    return result.rows.map((row: { id: string }) => row.id);
  }

  /** Accounts inserted as they would be stored, at exact instants, some with tokens. */
  async function insertAccounts(orgId: string, createdAts: readonly string[]): Promise<string[]> {
    return withDatabase(t.database.url, async (client) => {
      const ids: string[] = [];
      for (const [i, createdAt] of createdAts.entries()) {
        const houseName = `Inserted ${randomBytes(4).toString('hex')}`;
        const { rows } = await client.query(
          `INSERT INTO ebay_accounts (org_id, ebay_user_id, house_name, house_name_key, created_at)
           VALUES ($1, $2, $3, $4, $5::timestamptz) RETURNING id`,
          [orgId, `ebay-${randomBytes(6).toString('hex')}`, houseName, houseNameKey(houseName), createdAt],
        );
        const id = (rows[0] as { id: string }).id;
        ids.push(id);
        // Every third account has no token row; the others alternate healthy and failing.
        if (i % 3 === 2) continue;
        const [access, refresh] = [`v1.test1.${randomBytes(96).toString('base64url')}`, `v1.test1.${randomBytes(96).toString('base64url')}`];
        ciphertexts.push(access, refresh);
        await client.query(
          `INSERT INTO ebay_tokens (ebay_account_id, access_token, refresh_token, expires_at, last_refreshed_at,
                                    refresh_token_expires_at, status, refresh_error, refresh_failures)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          i % 3 === 0
            ? [id, access, refresh, '2030-01-01T02:00:00.000Z', '2030-01-01T00:00:00.000Z', '2031-06-01T00:00:00.000Z', 'active', null, 0]
            : [id, null, refresh, null, null, consentEndsSoon, 'reauth_required', 'eBay refused the refresh token', 3],
        );
        if (i % 3 === 0) {
          await client.query(`INSERT INTO ebay_authorizations (ebay_account_id, scopes) VALUES ($1, $2)`, [
            id,
            ['https://api.ebay.com/oauth/api_scope/sell.inventory'],
          ]);
        }
      }
      return ids;
    });
  }

  beforeAll(async () => {
    ({ emulator } = await startTestEbay());
    t = await startConnectedApp(emulator);
    admin = await registerAndLogin(t.http, anEmail('admin'));
    alice = await registerAndLogin(t.http, anEmail('alice'));
    bob = await registerAndLogin(t.http, anEmail('bob'));
    expect(admin.isAdmin).toBe(true);

    await connectAccount(t, alice, { ebayUser: 'seller_one' });
    await connectAccount(t, alice, { ebayUser: 'seller_two' });
    await connectAccount(t, bob, { ebayUser: 'seller_three' });
    await connectAccount(t, admin, { ebayUser: 'seller_quiet' });
    const stored = await withDatabase(t.database.url, (client) =>
      client.query('SELECT access_token, refresh_token FROM ebay_tokens'),
    );
    for (const row of stored.rows as { access_token: string; refresh_token: string }[]) ciphertexts.push(row.access_token, row.refresh_token);

    // Around the connected accounts: an hour before, several within one millisecond (by
    // microsecond) and several at the very same microsecond (the id breaks the tie); an
    // hour after, the same again. 2 connected + 16 inserted = 6 full pages of 3.
    const before = microsecondsFromNow(-1, '');
    const sameMillisecond = [3, 1, 2, 9].map((digit) => before.replace('Z', `00${digit}Z`));
    const sameMicrosecond = Array.from({ length: 4 }, () => before.replace('Z', '500Z'));
    const later = microsecondsFromNow(1, '');
    const after = Array.from({ length: 8 }, (_, i) => later.replace('Z', i < 4 ? `00${i}Z` : '777Z'));
    await insertAccounts(alice.id, [...sameMillisecond, ...sameMicrosecond, ...after]);
    await insertAccounts(bob.id, [...sameMicrosecond, microsecondsFromNow(-2, '001')]);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it('walks every account exactly once in order by cursor, rows of one millisecond or one microsecond included', async () => {
    const pages = await walk(alice, 'limit=3');

    const walked = pages.flatMap((page) => page.items.map((item) => item.id));
    expect(walked).toHaveLength(18);
    expect(new Set(walked).size).toBe(18);
    expect(walked).toEqual(await idsInOrder(alice.id));
    expect(pages).toHaveLength(6);
    // The first page is an offset page and counts; the keyset pages skip the count.
    expect(pages[0]).toMatchObject({ total: 18, limit: 3, offset: 0, nextCursor: expect.any(String) });
    for (const page of pages.slice(1)) expect(page).toMatchObject({ total: null, limit: 3, offset: 0 });
    // The last page is full, and still says it is the last.
    expect(pages[5].items).toHaveLength(3);
    expect(pages[5].nextCursor).toBeNull();
    // Offset pages answer the same order, and a cursor of each page.
    const byOffset = [];
    for (let offset = 0; offset < 18; offset += 5) byOffset.push(await list(alice, `limit=5&offset=${offset}`));
    expect(byOffset.flatMap((page) => page.items.map((item) => item.id))).toEqual(walked);
    expect(byOffset.map((page) => page.nextCursor === null)).toEqual([false, false, false, true]);
  });

  it('orders rows of one millisecond by their microseconds, as PostgreSQL stores them', async () => {
    const walked = (await walk(alice, 'limit=2')).flatMap((page) => page.items.map((item) => item.id));
    const instants = await withDatabase(t.database.url, (client) =>
      client.query(
        `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at
           FROM ebay_accounts WHERE org_id = $1`,
        [alice.id],
      ),
    );
    const at = new Map((instants.rows as { id: string; at: string }[]).map((row) => [row.id, row.at]));
    const keys = walked.map((id) => `${at.get(id)} ${id}`);
    expect(keys).toEqual([...keys].sort());
    // Within the first millisecond: microseconds 001, 002, 003, 009, then four at 500.
    expect(walked.slice(0, 8).map((id) => at.get(id)!.slice(-3))).toEqual(['001', '002', '003', '009', '500', '500', '500', '500']);
  });

  it('shows each account’s token state and scopes, never a token or its ciphertext', async () => {
    const response = await t.http.get('/api/ebay-accounts?limit=200').set(alice.auth).expect(200);
    const items = (response.body as AccountsPage).items;
    for (const ciphertext of ciphertexts) expect(response.text).not.toContain(ciphertext);
    expect(response.text).not.toMatch(/v1\.test1\./);

    const connected = items.filter((item) => item.scopes.length === DEFAULT_EBAY_SCOPES.length);
    expect(connected).toHaveLength(2);
    for (const item of connected) {
      expect(item).toMatchObject({ status: 'active', scopes: [...DEFAULT_EBAY_SCOPES] });
      expect(item.token).toMatchObject({ refreshError: null, refreshFailures: 0, reconnectSoon: false });
      expect(Date.parse(item.token.expiresAt as string)).toBeGreaterThan(Date.now());
    }
    const inserted = items.filter((item) => item.scopes.length !== DEFAULT_EBAY_SCOPES.length);
    const shapes = inserted.map((item) => ({ status: item.status, scopes: item.scopes, token: item.token }));
    // The first three inserted, in list order: microseconds 001 (failing), 002 (no token
    // row), 003 (healthy).
    expect(shapes.slice(0, 3)).toEqual([
      {
        status: 'reauth_required',
        scopes: [],
        token: {
          expiresAt: null,
          lastRefreshedAt: null,
          refreshTokenExpiresAt: consentEndsSoon,
          refreshError: 'eBay refused the refresh token',
          refreshFailures: 3,
          reconnectSoon: true,
        },
      },
      {
        status: 'active',
        scopes: [],
        token: { expiresAt: null, lastRefreshedAt: null, refreshTokenExpiresAt: null, refreshError: null, refreshFailures: 0, reconnectSoon: false },
      },
      {
        status: 'active',
        scopes: ['https://api.ebay.com/oauth/api_scope/sell.inventory'],
        token: {
          expiresAt: '2030-01-01T02:00:00.000Z',
          lastRefreshedAt: '2030-01-01T00:00:00.000Z',
          refreshTokenExpiresAt: '2031-06-01T00:00:00.000Z',
          refreshError: null,
          refreshFailures: 0,
          reconnectSoon: false,
        },
      },
    ]);
  });

  it('lets administrators walk every organisation with all=true, and one with orgId', async () => {
    const everyone = await walk(admin, 'all=true&limit=4');
    const walked = everyone.flatMap((page) => page.items.map((item) => item.id));
    expect(walked).toEqual(await idsInOrder());
    expect(new Set(everyone.flatMap((page) => page.items.map((item) => item.orgId)))).toEqual(new Set([admin.id, alice.id, bob.id]));
    expect(everyone[0].total).toBe(walked.length);
    expect(everyone[everyone.length - 1].nextCursor).toBeNull();

    const bobs = await walk(admin, `orgId=${bob.id}&limit=2`);
    expect(bobs.flatMap((page) => page.items.map((item) => item.id))).toEqual(await idsInOrder(bob.id));
    // Bob's own walk is the same, and shows nobody else's accounts.
    const own = await walk(bob, 'limit=2');
    expect(own.flatMap((page) => page.items.map((item) => item.id))).toEqual(await idsInOrder(bob.id));
  });

  it('counts past the end of the list, and answers an empty last page', async () => {
    expect(await list(alice, 'offset=1000')).toEqual({ items: [], total: 18, limit: 50, offset: 1000, nextCursor: null });
    const last = (await walk(alice, 'limit=200'))[0];
    expect(last.nextCursor).toBeNull();
    const { rows } = await withDatabase(t.database.url, (client) =>
      client.query(
        `SELECT to_char(max(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM ebay_accounts`,
      ),
    );
    // A position after every account: nothing follows.
    const beyond = Buffer.from(`${(rows[0] as { at: string }).at}|ffffffff-ffff-ffff-ffff-ffffffffffff`).toString('base64url');
    expect(await list(alice, `after=${beyond}`)).toEqual({ items: [], total: null, limit: 50, offset: 0, nextCursor: null });
  });

  it('refuses a cursor with a non-zero offset, and takes it with offset=0', async () => {
    const { nextCursor } = await list(alice, 'limit=3');
    const refused = await t.http.get(`/api/ebay-accounts?limit=3&offset=3&after=${nextCursor}`).set(alice.auth).expect(400);
    expect(refused.body).toMatchObject({ statusCode: 400, code: 'cursor_with_offset' });
    const second = await list(alice, `limit=3&offset=0&after=${nextCursor}`);
    expect(second.items).toHaveLength(3);
  });

  it('refuses a malformed cursor with 400 and code invalid_cursor, never a database error', async () => {
    const { nextCursor } = await list(alice, 'limit=3');
    const cursor = nextCursor!;
    const position = Buffer.from(cursor, 'base64url').toString('utf8');
    const encode = (text: string) => Buffer.from(text).toString('base64url');
    const [createdAt, id] = position.split('|');
    const malformed = [
      '',
      'garbage',
      `${cursor}=`,
      cursor.slice(0, -2),
      `${cursor}AA`,
      encode(`${createdAt}|not-a-uuid`),
      encode(`${createdAt}|${id.toUpperCase()}`),
      encode(`${createdAt.slice(0, -4)}Z|${id}`),
      encode(`2026-02-30T10:00:00.000000Z|${id}`),
      encode(`2026-01-01T24:00:00.000000Z|${id}`),
      encode(`0000-01-01T00:00:00.000000Z|${id}`),
      encode(`${createdAt}|${id}|more`),
      encode(`${createdAt};${id}`),
      'x'.repeat(1000),
    ];
    for (const value of malformed) {
      const response = await t.http.get('/api/ebay-accounts').query({ after: value }).set(alice.auth);
      expect({ value, status: response.status, code: response.body.code }).toEqual({ value, status: 400, code: 'invalid_cursor' });
    }
    // Two cursors at once are not a cursor either.
    await t.http.get(`/api/ebay-accounts?after=${cursor}&after=${cursor}`).set(alice.auth).expect(400);
    await t.http.get(`/api/ebay-accounts?after=${cursor}`).set(alice.auth).expect(200);
  });
});
