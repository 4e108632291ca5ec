import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EbayHealthEvent } from './entities/ebay-health-event.entity';
import { HealthController } from './health.controller';
import { TokensModule } from '../tokens';
import { MigrationsHealthIndicator } from './migrations.health';
import { TokenRefresherHealthIndicator } from './token-refresher.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), TypeOrmModule.forFeature([EbayHealthEvent]), TokensModule],
  controllers: [HealthController],
  providers: [MigrationsHealthIndicator, TokenRefresherHealthIndicator],
})
export class HealthModule {}
