import type { DataSource } from 'typeorm';
import type { TokenCipher } from './token-cipher';
import { signingKeyContext, tokenContext } from './token-context';

const BATCH_SIZE = 100;

interface StoredTokens {
  id: string;
  ebay_account_id: string;
  access_token: string | null;
  refresh_token: string | null;
}

/**
 * Moves every stored token to the cipher's active key (after a key was added in front of
 * TOKEN_ENCRYPTION_KEYS), in small locked batches, so it can run while the service does.
 * A token no configured key can read stops the run with that error: nothing is skipped.
 * Answers how many rows were re-encrypted.
 */
export async function reencryptAllTokens(dataSource: DataSource, cipher: TokenCipher): Promise<number> {
  let moved = 0;
  for (;;) {
    const batch = await dataSource.transaction(async (manager) => {
      const rows: StoredTokens[] = await manager.query(
        `SELECT id, ebay_account_id, access_token, refresh_token FROM ebay_tokens
          WHERE (access_token IS NOT NULL AND split_part(access_token, '.', 2) <> $1)
             OR (refresh_token IS NOT NULL AND split_part(refresh_token, '.', 2) <> $1)
          ORDER BY id LIMIT $2 FOR UPDATE`,
        [cipher.activeKeyId, BATCH_SIZE],
      );
      for (const row of rows) {
        const reencrypt = (stored: string | null, column: 'access_token' | 'refresh_token'): string | null =>
          stored === null
            ? null
            : cipher.encrypt(cipher.decrypt(stored, tokenContext(row.ebay_account_id, column)), tokenContext(row.ebay_account_id, column));
        await manager.query('UPDATE ebay_tokens SET access_token = $2, refresh_token = $3 WHERE id = $1', [
          row.id,
          reencrypt(row.access_token, 'access_token'),
          reencrypt(row.refresh_token, 'refresh_token'),
        ]);
      }
      return rows.length;
    });
    moved += batch;
    if (batch < BATCH_SIZE) return moved;
  }
}

/**
 * Moves every keyset's stored signing key (its private key) to the cipher's active key, like
 * reencryptAllTokens; a row whose key is being made meanwhile keeps its lease, and the key it
 * gets is written with the active key anyway. Answers how many rows were re-encrypted.
 */
export async function reencryptAllSigningKeys(dataSource: DataSource, cipher: TokenCipher): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const rows: { client_id: string; private_key: string }[] = await manager.query(
      `SELECT client_id, private_key FROM ebay_signing_keys
        WHERE private_key IS NOT NULL AND split_part(private_key, '.', 2) <> $1
        ORDER BY client_id FOR UPDATE`,
      [cipher.activeKeyId],
    );
    for (const row of rows) {
      const context = signingKeyContext(row.client_id);
      await manager.query('UPDATE ebay_signing_keys SET private_key = $2, updated_at = now() WHERE client_id = $1', [
        row.client_id,
        cipher.encrypt(cipher.decrypt(row.private_key, context), context),
      ]);
    }
    return rows.length;
  });
}
