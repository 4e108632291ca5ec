import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts';
import { TokensModule } from '../tokens';
import { AdminOverviewController } from './admin-overview.controller';
import { AdminOverviewService } from './admin-overview.service';

/** What administrators see first: a composition of what accounts and tokens know. */
@Module({
  imports: [AccountsModule, TokensModule],
  controllers: [AdminOverviewController],
  providers: [AdminOverviewService],
})
export class OverviewModule {}
