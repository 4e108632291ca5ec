import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import {
  AccountDeletionConfig,
  AppConfig,
  AuthConfig,
  type Configuration,
  DatabaseConfig,
  EbayConfig,
  EventsConfig,
  HealthConfig,
  MetricsConfig,
  ProxyConfig,
  SyncConfig,
  TokensConfig,
} from './configuration';
import { ConfigurationError } from './configuration.error';
import { type EnvironmentSource, loadConfiguration } from './load-configuration';

export const CONFIGURATION = Symbol('CONFIGURATION');

export interface ReadConfigurationOptions {
  /** Use exactly these variables (tests). Otherwise: process.env over the `.env` file. */
  readonly env?: EnvironmentSource;
}

/**
 * The one place that reads process.env. The rest of the service injects a section:
 * `constructor(private readonly ebay: EbayConfig)`.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(configuration: Configuration): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: CONFIGURATION, useValue: configuration },
        { provide: AppConfig, useValue: configuration.app },
        { provide: DatabaseConfig, useValue: configuration.database },
        { provide: AuthConfig, useValue: configuration.auth },
        { provide: EbayConfig, useValue: configuration.ebay },
        { provide: TokensConfig, useValue: configuration.tokens },
        { provide: HealthConfig, useValue: configuration.health },
        { provide: SyncConfig, useValue: configuration.sync },
        { provide: ProxyConfig, useValue: configuration.proxy },
        { provide: AccountDeletionConfig, useValue: configuration.accountDeletion },
        { provide: MetricsConfig, useValue: configuration.metrics },
        { provide: EventsConfig, useValue: configuration.events },
      ],
      exports: [
        CONFIGURATION,
        AppConfig,
        DatabaseConfig,
        AuthConfig,
        EbayConfig,
        TokensConfig,
        HealthConfig,
        SyncConfig,
        ProxyConfig,
        AccountDeletionConfig,
        MetricsConfig,
        EventsConfig,
      ],
    };
  }
}

/**
 * The configuration this process runs with; throws a ConfigurationError naming the variable.
 * Used by main.ts before anything starts, and by the scripts and the migration CLI.
 */
export function readConfiguration(options: ReadConfigurationOptions = {}): Configuration {
  const cwd = process.cwd();
  return loadConfiguration(options.env ?? { ...readDotEnv(cwd), ...process.env }, cwd);
}

function readDotEnv(cwd: string): EnvironmentSource {
  const path = join(cwd, '.env');
  return existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
}

/** readConfiguration() for entry points: a bad value ends the process with one line. */
export function readConfigurationOrExit(): Configuration {
  try {
    return readConfiguration();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
