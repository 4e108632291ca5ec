import { ApiProperty } from '../../common/openapi/openapi-decorators';
import type { SyncResult } from '../resource-sync';
import { SYNC_RESOURCES, type SyncResource } from '../sync-resource';

/** What one sync run did. */
export class SyncRunResponse {
  @ApiProperty({ enum: SYNC_RESOURCES })
  resource!: SyncResource;

  @ApiProperty({ type: 'integer', description: 'Records eBay sent (a record listed on two pages counts twice)' })
  fetched!: number;

  @ApiProperty({ type: 'integer', description: 'Records stored new or changed; unchanged ones are not rewritten' })
  upserted!: number;

  @ApiProperty({ type: 'integer', description: 'Pages asked of eBay (retries inside one are not counted)' })
  ebayCalls!: number;

  @ApiProperty({
    description:
      'Every page was read. false: the run stopped at its bound of pages (a large backfill) or because the ' +
      'replica was stopping; what it read is stored and the next run carries on from there',
  })
  complete!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'Everything eBay changed before this instant is stored; the next run asks from here, less SYNC_OVERLAP_SECONDS ' +
      '(transactions: or from the oldest stored one whose status is not final yet, if that is earlier). ' +
      'null until a first run completes',
  })
  checkpoint!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  finishedAt!: string;

  static from(result: SyncResult): SyncRunResponse {
    return {
      resource: result.resource,
      fetched: result.fetched,
      upserted: result.upserted,
      ebayCalls: result.ebayCalls,
      complete: result.complete,
      checkpoint: result.checkpoint,
      startedAt: result.startedAt.toISOString(),
      finishedAt: result.finishedAt.toISOString(),
    };
  }
}
