import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimit } from './entities/rate-limit.entity';
import { PostgresThrottlerStorage } from './postgres-throttler-storage';
import { RateLimitRepository } from './rate-limit.repository';
import { RateLimitSweeper } from './rate-limit-sweeper';
import { RateLimitsService } from './rate-limits.service';

/**
 * Rate limits counted in PostgreSQL (a @nestjs/throttler storage), shared by every replica.
 * Low level: knows nothing of what it counts.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RateLimit])],
  providers: [RateLimitRepository, PostgresThrottlerStorage, RateLimitsService, RateLimitSweeper],
  exports: [RateLimitsService, PostgresThrottlerStorage],
})
export class RateLimitsModule {}
