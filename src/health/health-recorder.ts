import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { EventsService } from '../events';
import type { HealthCheckResult } from './account-health-checker';
import { healthChangeOf } from './health-change';
import { HealthCheckRoundRepository, type RoundClaim } from './health-check-round.repository';
import { HealthEventRepository } from './health-event.repository';

/**
 * Records a check's outcome (a live one, or the round's) and, when it changes the account's
 * health, account.health_changed, in one transaction: the previous check is read inside it,
 * before the insert, with other recordings of the same account held off until the commit.
 * No transaction is open while eBay answers: the check ran before.
 */
@Injectable()
export class HealthRecorder {
  constructor(
    private readonly history: HealthEventRepository,
    private readonly rounds: HealthCheckRoundRepository,
    private readonly events: EventsService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** A live check's outcome. */
  async recordLive(accountId: string, result: HealthCheckResult): Promise<void> {
    await this.recordWithChange(accountId, result, async () => {
      await this.history.record(accountId, result);
      return true;
    });
  }

  /** The round's outcome for a claim; false when the claim was no longer ours (nothing recorded). */
  async completeClaim(claim: RoundClaim, result: HealthCheckResult | null): Promise<boolean> {
    // Nothing checked (disconnected meanwhile): only the claim is marked, and no health changes.
    if (result === null) return this.rounds.complete(claim, null);
    return this.recordWithChange(claim.accountId, result, () => this.rounds.complete(claim, result));
  }

  private recordWithChange(accountId: string, result: HealthCheckResult, insert: () => Promise<boolean>): Promise<boolean> {
    return this.txHost.withTransaction(async () => {
      await this.history.serialiseRecording(accountId);
      const change = healthChangeOf(await this.history.latestIsHealthy(accountId), result);
      if (!(await insert())) return false;
      if (change !== undefined) await this.events.recordForAccount('account.health_changed', accountId, { ...change });
      return true;
    });
  }
}
