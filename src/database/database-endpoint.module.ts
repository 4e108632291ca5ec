import { Logger, Module } from '@nestjs/common';
import { DatabaseConfig } from '../config/configuration';
import { EMBEDDED_POOL_SIZE, type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

/** Where the service's PostgreSQL is: the configured one, or the embedded one it started. */
export abstract class DatabaseEndpoint {
  abstract readonly url: string;
  abstract readonly poolSize: number;
  abstract readonly embedded: EmbeddedPostgres | undefined;
}

@Module({
  providers: [
    {
      provide: DatabaseEndpoint,
      inject: [DatabaseConfig],
      useFactory: async (config: DatabaseConfig): Promise<DatabaseEndpoint> => {
        if (config.url !== undefined) {
          return { url: config.url, poolSize: config.poolSize, embedded: undefined };
        }
        const embedded = await startEmbeddedPostgres(config.dataDir);
        new Logger('Database').log(`Embedded PostgreSQL (PGlite) running on data in ${config.dataDir}`);
        return { url: embedded.url, poolSize: EMBEDDED_POOL_SIZE, embedded };
      },
    },
  ],
  exports: [DatabaseEndpoint],
})
export class DatabaseEndpointModule {}
