import { Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseEndpoint, DatabaseEndpointModule } from './database-endpoint.module';
import { prepareSchema } from './migration-runner';
import { MigrationMismatchError } from './migration-state';

/**
 * The service's DataSource. Each feature module registers its own entities
 * (TypeOrmModule.forFeature). Before anything can query, the build's migrations are checked
 * against the database (a build without migrations, or one older than the database, refuses
 * to start) and pending ones run.
 */
@Module({
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseEndpointModule],
      inject: [DatabaseEndpoint, DatabaseConfig],
      useFactory: (endpoint: DatabaseEndpoint, config: DatabaseConfig): TypeOrmModuleOptions => ({
        ...buildDataSourceOptions({
          url: endpoint.url,
          poolSize: endpoint.poolSize,
          statementTimeoutMs: config.statementTimeoutMs,
        }),
        autoLoadEntities: true,
        // Carried to dataSourceFactory below, which runs them under a lock instead.
        migrationsRun: config.migrationsRun,
        retryAttempts: 3,
        retryDelay: 1_000,
        // A build that does not match the database stays wrong however often it is retried.
        toRetry: (error: unknown) => !(error instanceof MigrationMismatchError),
      }),
      dataSourceFactory: async (options?: DataSourceOptions): Promise<DataSource> => {
        if (options === undefined) throw new Error('DataSource options are missing');
        const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
        try {
          await bringSchemaUpToDate(dataSource, options);
        } catch (error) {
          await dataSource.destroy();
          throw error;
        }
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoint: DatabaseEndpoint,
  ) {}

  /** Closes the pool first, then the embedded database (if any) it was connected to. */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.endpoint.embedded?.stop();
  }
}

/**
 * Checks the migrations through the service's own pool (two short reads; initialising it
 * touches no table), and runs pending ones on a connection of their own without the request
 * path's timeouts: a migration may run for minutes, and waiting for another replica's
 * migration lock may too. A start with nothing pending opens no second connection.
 */
async function bringSchemaUpToDate(dataSource: DataSource, options: DataSourceOptions): Promise<void> {
  const { url } = options as { url: string };
  const { applied } = await prepareSchema(dataSource, options.migrationsRun === true, async () => {
    const migrations = await new DataSource(buildDataSourceOptions({ url, poolSize: 1 })).initialize();
    try {
      // Read again there: another replica may have applied them meanwhile.
      const again = await prepareSchema(migrations, true);
      return [...again.applied];
    } finally {
      await migrations.destroy();
    }
  });
  if (applied.length > 0) new Logger('Database').log(`Applied migrations: ${applied.join(', ')}`);
}
