import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EbayOrder } from './entities/ebay-order.entity';
import { EbaySyncCursor } from './entities/ebay-sync-cursor.entity';
import { EbayTransaction } from './entities/ebay-transaction.entity';

/** Incremental sync of orders and transactions. */
@Module({
  imports: [TypeOrmModule.forFeature([EbaySyncCursor, EbayOrder, EbayTransaction])],
})
export class SyncModule {}
