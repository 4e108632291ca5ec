import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EbayToken } from './entities/ebay-token.entity';

/** Each account's encrypted OAuth tokens and their refresh schedule. */
@Module({
  imports: [TypeOrmModule.forFeature([EbayToken])],
})
export class TokensModule {}
