import type { DataSource } from 'typeorm';
import { type SecretColumn, secretContext, type WebhookSecretCipher } from './webhook-secret';

/**
 * Moves every webhook endpoint's stored secrets to the cipher's active key, as the token
 * re-encryption does (`npm run tokens:reencrypt` runs both). Endpoints are few per organisation;
 * one locked pass. Answers how many endpoints were re-encrypted.
 */
export async function reencryptAllWebhookSecrets(dataSource: DataSource, cipher: WebhookSecretCipher): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const rows: { id: string; secret: string; previous_secret: string | null }[] = await manager.query(
      `SELECT id, secret, previous_secret FROM webhook_endpoints
        WHERE split_part(secret, '.', 2) <> $1 OR (previous_secret IS NOT NULL AND split_part(previous_secret, '.', 2) <> $1)
        ORDER BY id FOR UPDATE`,
      [cipher.activeKeyId],
    );
    for (const row of rows) {
      const reencrypt = (stored: string | null, column: SecretColumn): string | null =>
        stored === null ? null : cipher.encrypt(cipher.decrypt(stored, secretContext(row.id, column)), secretContext(row.id, column));
      await manager.query('UPDATE webhook_endpoints SET secret = $2, previous_secret = $3 WHERE id = $1', [
        row.id,
        reencrypt(row.secret, 'secret'),
        reencrypt(row.previous_secret, 'previous_secret'),
      ]);
    }
    return rows.length;
  });
}
