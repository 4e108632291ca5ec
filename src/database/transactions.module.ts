import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';

/**
 * Transactions that follow the call, not the parameters: `TransactionHost.withTransaction()`
 * opens one, and a repository that queries through `TransactionHost.tx` joins it (or runs on
 * the pool when none is open). The event log writes this way inside whatever change it reports,
 * without an EntityManager threaded through every module's API (docs/decisions.md).
 */
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      plugins: [
        new ClsPluginTransactional({
          imports: [TypeOrmModule],
          adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
        }),
      ],
    }),
  ],
})
export class TransactionsModule {}
