import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts';
import { TokensModule } from '../tokens';
import { EbayOrder } from './entities/ebay-order.entity';
import { EbaySyncCursor } from './entities/ebay-sync-cursor.entity';
import { EbayTransaction } from './entities/ebay-transaction.entity';
import { OrdersController } from './orders.controller';
import { StoredOrdersRepository } from './stored-orders.repository';
import { StoredRecordsService } from './stored-records.service';
import { StoredTransactionsRepository } from './stored-transactions.repository';
import { TransactionsController } from './transactions.controller';

/**
 * Each selling account's local copy of its eBay orders and Finances transactions, fetched
 * incrementally through the authorized eBay client, and the API that reads it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([EbaySyncCursor, EbayOrder, EbayTransaction]), AccountsModule, TokensModule],
  controllers: [OrdersController, TransactionsController],
  providers: [StoredRecordsService, StoredOrdersRepository, StoredTransactionsRepository],
  exports: [],
})
export class SyncModule {}
