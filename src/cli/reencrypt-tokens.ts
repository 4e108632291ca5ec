/**
 * `npm run tokens:reencrypt` (production: `node dist/src/cli/reencrypt-tokens.js`): re-encrypts
 * every stored token, the keyset's signing key and the webhook endpoints' secrets with the first key of TOKEN_ENCRYPTION_KEYS. Safe while the service runs
 * against a shared PostgreSQL; with the embedded database, stop the service first.
 */
import 'reflect-metadata';
import { readConfigurationOrExit } from '../config/config.module';
import { createStandaloneDataSource } from '../database/standalone-data-source';
import { reencryptAllWebhookSecrets } from '../events/webhooks/webhook-secret-reencryptor';
import { WebhookSecretCipher } from '../events/webhooks/webhook-secret';
import { TokenCipher } from '../tokens/token-cipher';
import { reencryptAllSigningKeys, reencryptAllTokens } from '../tokens/token-reencryptor';

async function main(): Promise<void> {
  const configuration = readConfigurationOrExit();
  const cipher = new TokenCipher(configuration.tokens);
  const dataSource = await (await createStandaloneDataSource(configuration.database)).initialize();
  try {
    const moved = await reencryptAllTokens(dataSource, cipher);
    process.stdout.write(`Re-encrypted ${moved} token row(s) with key "${cipher.activeKeyId}".\n`);
    const signingKeys = await reencryptAllSigningKeys(dataSource, cipher);
    process.stdout.write(`Re-encrypted ${signingKeys} signing key(s) with key "${cipher.activeKeyId}".\n`);
    const webhookSecrets = await reencryptAllWebhookSecrets(dataSource, new WebhookSecretCipher(configuration.tokens));
    process.stdout.write(`Re-encrypted the secrets of ${webhookSecrets} webhook endpoint(s) with key "${cipher.activeKeyId}".\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Re-encryption failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
