import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts';
import { HealthModule } from '../health';
import { TokensModule } from '../tokens';
import { AdminOverviewController } from './admin-overview.controller';
import { AdminOverviewService } from './admin-overview.service';

/** What administrators see first: a composition of what accounts, tokens and health know. */
@Module({
  imports: [AccountsModule, TokensModule, HealthModule],
  controllers: [AdminOverviewController],
  providers: [AdminOverviewService],
})
export class OverviewModule {}
