import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts';
import { EventsModule } from '../events';
import { TokensModule } from '../tokens';
import { AccountHealthChecker } from './account-health-checker';
import { AccountHealthController } from './account-health.controller';
import { AccountHealthService } from './account-health.service';
import { EbayHealthCheckClaim } from './entities/ebay-health-check-claim.entity';
import { EbayHealthCheckRound } from './entities/ebay-health-check-round.entity';
import { EbayHealthEvent } from './entities/ebay-health-event.entity';
import { HealthCheckRoundRepository } from './health-check-round.repository';
import { HealthCheckRoundScheduler } from './health-check-round.scheduler';
import { HealthController } from './health.controller';
import { HealthEventRepository } from './health-event.repository';
import { HealthRecorder } from './health-recorder';
import { LastRoundReader } from './last-round.reader';
import { MigrationsHealthIndicator } from './migrations.health';
import { TokenRefresherHealthIndicator } from './token-refresher.health';

/**
 * The service's own probes (terminus), and each eBay account's health: live checks through
 * the authorized eBay client, their history, and the periodic round over every active account.
 */
@Module({
  imports: [
    TerminusModule.forRoot({ logger: false }),
    TypeOrmModule.forFeature([EbayHealthEvent, EbayHealthCheckRound, EbayHealthCheckClaim]),
    AccountsModule,
    TokensModule,
    EventsModule,
  ],
  controllers: [HealthController, AccountHealthController],
  providers: [
    MigrationsHealthIndicator,
    TokenRefresherHealthIndicator,
    AccountHealthChecker,
    AccountHealthService,
    HealthEventRepository,
    HealthRecorder,
    HealthCheckRoundRepository,
    HealthCheckRoundScheduler,
    LastRoundReader,
  ],
  exports: [LastRoundReader],
})
export class HealthModule {}
