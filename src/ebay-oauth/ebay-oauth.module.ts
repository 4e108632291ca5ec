import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts';
import { AuthModule } from '../auth';
import { EbayModule } from '../ebay';
import { EbayConnectService } from './ebay-connect.service';
import { EbayOAuthController } from './ebay-oauth.controller';
import { OAuthState } from './entities/oauth-state.entity';
import { OAuthStateRepository } from './oauth-state.repository';
import { OAuthStateService } from './oauth-state.service';

/** Connecting eBay accounts: consent URLs and the OAuth callback. */
@Module({
  imports: [TypeOrmModule.forFeature([OAuthState]), AuthModule, EbayModule, AccountsModule],
  controllers: [EbayOAuthController],
  providers: [EbayConnectService, OAuthStateService, OAuthStateRepository],
})
export class EbayOAuthModule {}
