import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EbaySyncCursor } from './entities/ebay-sync-cursor.entity';

/** Incremental sync of orders and transactions. */
@Module({
  imports: [TypeOrmModule.forFeature([EbaySyncCursor])],
})
export class SyncModule {}
