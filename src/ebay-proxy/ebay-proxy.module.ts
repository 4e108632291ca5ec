import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts';
import { EbayModule } from '../ebay';
import { TokensModule } from '../tokens';
import { AccountCallSlots } from './account-call-slots';
import { ApiCallPruner } from './api-call-pruner';
import { ApiCallRecorder } from './api-call-recorder';
import { ApiCallRepository } from './api-call.repository';
import { EbayForwarder } from './ebay-forwarder';
import { EbayProxyController } from './ebay-proxy.controller';
import { EbayProxyService } from './ebay-proxy.service';
import { EbayRateLimitsService } from './ebay-rate-limits.service';
import { AccountEbayUsageController, AppEbayUsageController } from './ebay-usage.controller';
import { EbayApiCall } from './entities/ebay-api-call.entity';

/**
 * Any eBay REST API for a connected account, called by the service for a frontend that never
 * holds the token: the proxy, its audit, and eBay's rate limits.
 */
@Module({
  imports: [
    // Its own client: eBay's bytes as they come, every status handed back (EbayForwarder).
    HttpModule.register({ maxRedirects: 0 }),
    TypeOrmModule.forFeature([EbayApiCall]),
    AccountsModule,
    TokensModule,
    EbayModule,
  ],
  controllers: [EbayProxyController, AccountEbayUsageController, AppEbayUsageController],
  providers: [AccountCallSlots, ApiCallRecorder, ApiCallRepository, ApiCallPruner, EbayForwarder, EbayProxyService, EbayRateLimitsService],
})
export class EbayProxyModule {}
