import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from './data-source-options';
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres } from './embedded-postgres';

/**
 * A DataSource for tools that run outside the app (the TypeORM CLI, maintenance scripts): the
 * configured database, or the embedded one in DATA_DIR, which stops when the DataSource is
 * destroyed (or when initialising it fails). Not yet initialised.
 */
export async function createStandaloneDataSource(database: DatabaseConfig, entities: DataSourceOptions['entities'] = []): Promise<DataSource> {
  if (database.url !== undefined) {
    return new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 2, entities }));
  }
  const embedded = await startEmbeddedPostgres(database.dataDir);
  const dataSource = new DataSource(buildDataSourceOptions({ url: embedded.url, poolSize: EMBEDDED_POOL_SIZE, entities }));
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await destroy();
    await embedded.stop();
  };
  // A DataSource that never initialised is never destroyed: the embedded database would keep
  // the process (and its pid lock) alive.
  const initialize = dataSource.initialize.bind(dataSource);
  dataSource.initialize = async () => {
    try {
      return await initialize();
    } catch (error) {
      await embedded.stop();
      throw error;
    }
  };
  return dataSource;
}
