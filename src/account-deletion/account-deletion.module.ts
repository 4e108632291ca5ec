import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts';
import { EbayModule } from '../ebay';
import { EventsModule } from '../events';
import { SyncModule } from '../sync';
import { AccountDeletionAuditRepository } from './account-deletion-audit.repository';
import { AccountDeletionController } from './account-deletion.controller';
import { AccountDeletionService } from './account-deletion.service';
import { DeletionEndpointGuard } from './deletion-endpoint.guard';
import { EbayUserEraser } from './ebay-user-eraser';
import { EbayAccountDeletion } from './entities/ebay-account-deletion.entity';
import { SigningKeyCache } from './signing-key-cache';

/** eBay's Marketplace Account Deletion notifications: endpoint check, signature, erasure (with sync's), audit. */
@Module({
  imports: [TypeOrmModule.forFeature([EbayAccountDeletion]), EbayModule, AccountsModule, SyncModule, EventsModule],
  controllers: [AccountDeletionController],
  providers: [AccountDeletionService, AccountDeletionAuditRepository, DeletionEndpointGuard, EbayUserEraser, SigningKeyCache],
})
export class AccountDeletionModule {}
