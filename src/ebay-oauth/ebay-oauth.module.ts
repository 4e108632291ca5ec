import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OAuthState } from './entities/oauth-state.entity';

/** Connecting eBay accounts: consent URLs and the OAuth callback. */
@Module({
  imports: [TypeOrmModule.forFeature([OAuthState])],
})
export class EbayOAuthModule {}
