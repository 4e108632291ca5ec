import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EbayAccount } from './entities/ebay-account.entity';
import { EbayAuthorization } from './entities/ebay-authorization.entity';

/** Connected eBay accounts and the scopes their owners granted. */
@Module({
  imports: [TypeOrmModule.forFeature([EbayAccount, EbayAuthorization])],
})
export class AccountsModule {}
