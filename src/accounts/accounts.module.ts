import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events';
import { RateLimitsModule } from '../rate-limits';
import { TokensModule } from '../tokens';
import { AccountPageRepository } from './account-page.repository';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { EbayAccountRepository } from './ebay-account.repository';
import { EbayAccount } from './entities/ebay-account.entity';

/** Connected eBay accounts: ownership, CRUD, disconnect and forced refresh. */
@Module({
  imports: [TypeOrmModule.forFeature([EbayAccount]), TokensModule, RateLimitsModule, EventsModule],
  controllers: [AccountsController],
  providers: [AccountsService, EbayAccountRepository, AccountPageRepository],
  exports: [AccountsService],
})
export class AccountsModule {}
