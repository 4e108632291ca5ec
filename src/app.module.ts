import { type DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AccountDeletionModule } from './account-deletion/account-deletion.module';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { LoggingModule, type LoggingOptions } from './common/logging/logging.module';
import { ClockModule } from './common/time/clock.module';
import { ConfigModule } from './config/config.module';
import type { Configuration } from './config/configuration';
import { DatabaseModule } from './database/database.module';
import { TransactionsModule } from './database/transactions.module';
import { EbayOAuthModule } from './ebay-oauth/ebay-oauth.module';
import { EbayProxyModule } from './ebay-proxy/ebay-proxy.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { OverviewModule } from './overview/overview.module';
import { SyncModule } from './sync/sync.module';
import { TokensModule } from './tokens/tokens.module';

export interface AppModuleOptions {
  readonly configuration: Configuration;
  readonly logging?: LoggingOptions;
}

/** Wires the modules. Pipes, filters and guards are providers, so tests get them too. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.configuration),
        LoggingModule.forRoot(options.logging),
        ClockModule,
        MetricsModule,
        ScheduleModule.forRoot(),
        DatabaseModule,
        TransactionsModule,
        EventsModule,
        AuthModule,
        TokensModule,
        AccountsModule,
        EbayOAuthModule,
        AccountDeletionModule,
        HealthModule,
        OverviewModule,
        SyncModule,
        EbayProxyModule,
      ],
      providers: [
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
            stopAtFirstError: true,
          }),
        },
        AllExceptionsFilter,
        // The same instance also answers what fails outside Nest's routes (create-app.ts).
        { provide: APP_FILTER, useExisting: AllExceptionsFilter },
      ],
    };
  }
}
