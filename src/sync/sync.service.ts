import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts';
import type { AuthUser } from '../auth';
import { ResourceSyncStatusResponse, type SyncStatusResponse } from './dto/sync-status.response';
import type { SyncResult } from './resource-sync';
import { SyncCursorRepository } from './sync-cursor.repository';
import { SYNC_RESOURCES, type SyncResource } from './sync-resource';
import { SyncRuns } from './sync-runs';

/** The sync API: ownership is the accounts module's (another organisation's account is not found). */
@Injectable()
export class SyncService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly runs: SyncRuns,
    private readonly cursors: SyncCursorRepository,
  ) {}

  async runNow(user: AuthUser, accountId: string, resource: SyncResource): Promise<SyncResult> {
    return this.runs.runNow(await this.accounts.get(user, accountId), resource);
  }

  async status(user: AuthUser, accountId: string): Promise<SyncStatusResponse> {
    await this.accounts.get(user, accountId);
    const cursors = await this.cursors.cursorsOf(accountId);
    return {
      accountId,
      resources: SYNC_RESOURCES.map((resource) =>
        ResourceSyncStatusResponse.from(
          resource,
          cursors.find((cursor) => cursor.resource === resource),
        ),
      ),
    };
  }
}
