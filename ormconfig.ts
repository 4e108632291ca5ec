/**
 * The DataSource of the TypeORM CLI (`npm run migration:run|revert|generate`). It reads the
 * same configuration as the app; with no DATABASE_URL it opens the embedded database in
 * DATA_DIR (stop the app first: one process at a time may hold it).
 */
import 'reflect-metadata';
import { EbayAccount } from './src/accounts/entities/ebay-account.entity';
import { EbayAuthorization } from './src/tokens/entities/ebay-authorization.entity';
import { User } from './src/auth/entities/user.entity';
import { readConfiguration } from './src/config/config.module';
import { createStandaloneDataSource } from './src/database/standalone-data-source';
import { OAuthState } from './src/ebay-oauth/entities/oauth-state.entity';
import { EbayHealthEvent } from './src/health/entities/ebay-health-event.entity';
import { RateLimit } from './src/rate-limits/entities/rate-limit.entity';
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
  RateLimit,
];

export default createStandaloneDataSource(readConfiguration().database, entities);
