import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts';
import { EventsModule } from '../events';
import { TokensModule } from '../tokens';
import { EbayOrder } from './entities/ebay-order.entity';
import { EbaySyncCursor } from './entities/ebay-sync-cursor.entity';
import { EbayTransaction } from './entities/ebay-transaction.entity';
import { OrderSource } from './order-source';
import { OrdersController } from './orders.controller';
import { ResourceSync } from './resource-sync';
import { StoredOrdersRepository } from './stored-orders.repository';
import { StoredRecordsService } from './stored-records.service';
import { StoredTransactionsRepository } from './stored-transactions.repository';
import { SyncController } from './sync.controller';
import { SyncCursorRepository } from './sync-cursor.repository';
import { SyncRuns } from './sync-runs';
import { SyncScheduler } from './sync.scheduler';
import { SyncService } from './sync.service';
import { SyncedDataEraser } from './synced-data.eraser';
import { TransactionSource } from './transaction-source';
import { TransactionsController } from './transactions.controller';

/**
 * Each selling account's local copy of its eBay orders and Finances transactions, fetched
 * incrementally through the authorized eBay client, and the API that reads it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([EbaySyncCursor, EbayOrder, EbayTransaction]), AccountsModule, TokensModule, EventsModule],
  controllers: [SyncController, OrdersController, TransactionsController],
  providers: [
    OrderSource,
    TransactionSource,
    SyncCursorRepository,
    ResourceSync,
    SyncRuns,
    SyncScheduler,
    SyncService,
    SyncedDataEraser,
    StoredRecordsService,
    StoredOrdersRepository,
    StoredTransactionsRepository,
  ],
  exports: [SyncedDataEraser],
})
export class SyncModule {}
