import { ApiExtraModels, ApiProperty, getSchemaPath } from '../../common/openapi/openapi-decorators';
import type { CursorRow } from '../sync-cursor.repository';
import { SYNC_RESOURCES, type SyncResource } from '../sync-resource';

/** An object of `model`, or null: OpenAPI 3.0 does not let null sit beside a $ref. */
function orNull(model: abstract new (...args: never[]) => unknown): Record<string, unknown> {
  return { anyOf: [{ $ref: getSchemaPath(model) }, { type: 'object', nullable: true, enum: [null] }] };
}

export class SyncProgressResponse {
  @ApiProperty({ type: 'integer', description: 'Pages stored so far' })
  pages!: number;

  @ApiProperty({ type: 'integer' })
  fetched!: number;

  @ApiProperty({ type: 'integer' })
  upserted!: number;

  @ApiProperty({ type: 'integer' })
  ebayCalls!: number;
}

export class UnfinishedRunResponse {
  @ApiProperty({ type: String, format: 'date-time', description: 'The start of the range that run asked eBay for' })
  from!: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'When that run started: the checkpoint once its range is read' })
  startedAt!: string;

  @ApiProperty({ type: 'integer', description: 'Records of the range already stored: the next run starts at this offset' })
  offset!: number;
}

export class LastSyncRunResponse {
  @ApiProperty({ type: String, format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  finishedAt!: string;

  @ApiProperty({ enum: ['succeeded', 'failed'] })
  outcome!: 'succeeded' | 'failed';

  @ApiProperty({ type: 'integer' })
  fetched!: number;

  @ApiProperty({ type: 'integer' })
  upserted!: number;

  @ApiProperty({ type: 'integer' })
  ebayCalls!: number;
}

export class SyncErrorResponse {
  @ApiProperty({ description: 'Why the run failed, for people (eBay’s error code, "reconnect the account"…)' })
  message!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;
}

export class SyncSkipResponse {
  @ApiProperty({ enum: ['reauth_required'], description: 'reauth_required: eBay refuses the grant; reconnect the account' })
  reason!: 'reauth_required';

  @ApiProperty({ type: String, format: 'date-time', description: 'The periodic run that passed the account by' })
  at!: string;
}

/** One resource's cursor. */
@ApiExtraModels(SyncProgressResponse, UnfinishedRunResponse, LastSyncRunResponse, SyncErrorResponse, SyncSkipResponse)
export class ResourceSyncStatusResponse {
  @ApiProperty({ enum: SYNC_RESOURCES })
  resource!: SyncResource;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Everything eBay changed before this is stored; null until a first run completes',
  })
  checkpoint!: string | null;

  @ApiProperty({ ...orNull(UnfinishedRunResponse), description: 'A run that stopped part way; the next one carries on from it' })
  unfinished!: UnfinishedRunResponse | null;

  @ApiProperty({ description: 'A run (on any replica) holds this resource now' })
  running!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the running sync started' })
  runningSince!: string | null;

  @ApiProperty({ ...orNull(SyncProgressResponse), description: 'The running sync’s progress' })
  progress!: SyncProgressResponse | null;

  @ApiProperty({ ...orNull(LastSyncRunResponse), description: 'The last run that ended; null if none has' })
  lastRun!: LastSyncRunResponse | null;

  @ApiProperty({ ...orNull(SyncErrorResponse), description: 'The latest failed run’s reason, kept after later successes' })
  lastError!: SyncErrorResponse | null;

  @ApiProperty({ ...orNull(SyncSkipResponse), description: 'Why the periodic sync passed this account by, until a run starts again' })
  skipped!: SyncSkipResponse | null;

  static from(resource: SyncResource, cursor: CursorRow | undefined): ResourceSyncStatusResponse {
    const finished = cursor?.lastFinishedAt ?? null;
    return {
      resource,
      checkpoint: cursor?.checkpoint.since ?? null,
      unfinished: cursor?.checkpoint.unfinished === undefined ? null : { ...cursor.checkpoint.unfinished },
      running: cursor?.runningSince != null,
      runningSince: cursor?.runningSince?.toISOString() ?? null,
      progress: cursor?.progress == null ? null : { ...cursor.progress },
      lastRun:
        cursor === undefined || finished === null || cursor.lastStartedAt === null || cursor.lastOutcome === null
          ? null
          : {
              startedAt: cursor.lastStartedAt.toISOString(),
              finishedAt: finished.toISOString(),
              outcome: cursor.lastOutcome,
              fetched: cursor.lastFetched ?? 0,
              upserted: cursor.lastUpserted ?? 0,
              ebayCalls: cursor.lastEbayCalls ?? 0,
            },
      lastError:
        cursor?.lastError == null || cursor.lastErrorAt === null ? null : { message: cursor.lastError, at: cursor.lastErrorAt.toISOString() },
      skipped: cursor?.skippedReason == null || cursor.skippedAt === null ? null : { reason: cursor.skippedReason, at: cursor.skippedAt.toISOString() },
    };
  }
}

/** Each resource's cursor for one account. */
@ApiExtraModels(ResourceSyncStatusResponse)
export class SyncStatusResponse {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ type: [ResourceSyncStatusResponse], description: 'One per resource, in the order orders, transactions' })
  resources!: ResourceSyncStatusResponse[];
}
