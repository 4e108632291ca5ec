import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TokensConfig } from '../../src/config/configuration';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { TokenCipher } from '../../src/tokens/token-cipher';
import { tokenContext } from '../../src/tokens/token-context';
import { reencryptAllTokens } from '../../src/tokens/token-reencryptor';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { aTokenRow } from './token-rows';

const OLD_KEY = { id: 'old', key: randomBytes(32) };
const NEW_KEY = { id: 'new', key: randomBytes(32) };
const cipherWith = (...keys: (typeof OLD_KEY)[]): TokenCipher =>
  new TokenCipher({ encryptionKeys: keys } as unknown as TokensConfig);

/** Key rotation's SQL against a real PostgreSQL: batches, nulls, idempotence, refusal. */
describe('reencryptAllTokens on PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  /** A token row whose tokens `cipher` encrypted for its account; `withAccess: false` leaves access_token null. */
  async function encryptedRow(cipher: TokenCipher, withAccess = true): Promise<{ accountId: string; access: string; refresh: string }> {
    const { accountId, tokenId } = await aTokenRow(dataSource);
    const access = `v^1.1#access#${randomBytes(6).toString('hex')}`;
    const refresh = `v^1.1#refresh#${randomBytes(6).toString('hex')}`;
    await dataSource.query('UPDATE ebay_tokens SET access_token = $2, refresh_token = $3 WHERE id = $1', [
      tokenId,
      withAccess ? cipher.encrypt(access, tokenContext(accountId, 'access_token')) : null,
      cipher.encrypt(refresh, tokenContext(accountId, 'refresh_token')),
    ]);
    return { accountId, access, refresh };
  }

  async function stored(accountId: string): Promise<{ access_token: string | null; refresh_token: string }> {
    const [row] = (await dataSource.query('SELECT access_token, refresh_token FROM ebay_tokens WHERE ebay_account_id = $1', [
      accountId,
    ])) as { access_token: string | null; refresh_token: string }[];
    return row;
  }

  beforeEach(async () => {
    database = await createTestDatabase({ migrated: true });
    dataSource = await new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 2 })).initialize();
  });
  afterEach(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('moves every row to the active key in batches, keeps values and nulls, and has nothing left to do after', async () => {
    const old = cipherWith(OLD_KEY);
    const rows = [];
    for (let i = 0; i < 230; i++) rows.push(await encryptedRow(old, i % 10 !== 0));
    const rotated = cipherWith(NEW_KEY, OLD_KEY);

    expect(await reencryptAllTokens(dataSource, rotated)).toBe(230);
    expect(await reencryptAllTokens(dataSource, rotated)).toBe(0);

    const newOnly = cipherWith(NEW_KEY);
    for (const [i, row] of rows.entries()) {
      const after = await stored(row.accountId);
      expect(after.refresh_token).toMatch(/^v1\.new\./);
      expect(newOnly.decrypt(after.refresh_token, tokenContext(row.accountId, 'refresh_token'))).toBe(row.refresh);
      if (i % 10 === 0) expect(after.access_token).toBeNull();
      else expect(newOnly.decrypt(after.access_token!, tokenContext(row.accountId, 'access_token'))).toBe(row.access);
    }
  }, 60_000);

  it('stops at a row no configured key can read, and skips nothing silently', async () => {
    const readable = await encryptedRow(cipherWith(OLD_KEY));
    const lost = await encryptedRow(cipherWith({ id: 'lost', key: randomBytes(32) }));

    await expect(reencryptAllTokens(dataSource, cipherWith(NEW_KEY, OLD_KEY))).rejects.toThrow(
      'A stored token was encrypted with key "lost", which is not in TOKEN_ENCRYPTION_KEYS',
    );
    // The batch that met it rolled back: both rows are as they were.
    expect((await stored(readable.accountId)).refresh_token).toMatch(/^v1\.old\./);
    expect((await stored(lost.accountId)).refresh_token).toMatch(/^v1\.lost\./);
  });
});
