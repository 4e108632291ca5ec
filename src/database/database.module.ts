import { Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseEndpoint, DatabaseEndpointModule } from './database-endpoint.module';
import { runPendingMigrations } from './migration-runner';

/**
 * The service's DataSource. Each feature module registers its own entities
 * (TypeOrmModule.forFeature); pending migrations run before anything can query.
 */
@Module({
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseEndpointModule],
      inject: [DatabaseEndpoint, DatabaseConfig],
      useFactory: (endpoint: DatabaseEndpoint, config: DatabaseConfig): TypeOrmModuleOptions => ({
        ...buildDataSourceOptions({ url: endpoint.url, poolSize: endpoint.poolSize }),
        autoLoadEntities: true,
        // Carried to dataSourceFactory below, which runs them under a lock instead.
        migrationsRun: config.migrationsRun,
        retryAttempts: 3,
        retryDelay: 1_000,
      }),
      dataSourceFactory: async (options?: DataSourceOptions): Promise<DataSource> => {
        if (options === undefined) throw new Error('DataSource options are missing');
        const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
        if (options.migrationsRun === true) {
          const applied = await runPendingMigrations(dataSource);
          if (applied.length > 0) new Logger('Database').log(`Applied migrations: ${applied.join(', ')}`);
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
