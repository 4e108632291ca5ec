/**
 * The DataSource of the TypeORM CLI (`npm run migration:run|revert|generate`). It reads the
 * same configuration as the app; with no DATABASE_URL it opens the embedded database in
 * DATA_DIR (stop the app first: one process at a time may hold it).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { EbayAccount } from './src/accounts/entities/ebay-account.entity';
import { EbayAuthorization } from './src/accounts/entities/ebay-authorization.entity';
import { User } from './src/auth/entities/user.entity';
import { readConfiguration } from './src/config/config.module';
import { buildDataSourceOptions } from './src/database/data-source-options';
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres } from './src/database/embedded-postgres';
import { OAuthState } from './src/ebay-oauth/entities/oauth-state.entity';
import { EbayHealthEvent } from './src/health/entities/ebay-health-event.entity';
import { EbaySyncCursor } from './src/sync/entities/ebay-sync-cursor.entity';
import { EbayToken } from './src/tokens/entities/ebay-token.entity';

const entities = [
  User,
  EbayAccount,
  EbayAuthorization,
  EbayToken,
  OAuthState,
  EbayHealthEvent,
  EbaySyncCursor,
];

async function createCliDataSource(): Promise<DataSource> {
  const { database } = readConfiguration();
  if (database.url !== undefined) {
    return new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 2, entities }));
  }
  const embedded = await startEmbeddedPostgres(database.dataDir);
  const dataSource = new DataSource(
    buildDataSourceOptions({ url: embedded.url, poolSize: EMBEDDED_POOL_SIZE, entities }),
  );
  // The CLI destroys the DataSource when its command ends; the embedded server goes with it.
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await destroy();
    await embedded.stop();
  };
  return dataSource;
}

export default createCliDataSource();
