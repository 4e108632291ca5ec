import { DomainError } from '../common/errors/domain.error';

/** Another run (on this replica or another) holds the pair. */
export class SyncRunningError extends DomainError {
  readonly kind = 'conflict';
  override readonly code = 'sync_running';
  override readonly details: Readonly<Record<string, string>>;

  constructor(runningSince: Date | undefined) {
    super(
      runningSince === undefined
        ? 'A sync of this resource is already running; try again when it has finished'
        : `A sync of this resource has been running since ${runningSince.toISOString()}; try again when it has finished`,
    );
    this.details = runningSince === undefined ? {} : { startedAt: runningSince.toISOString() };
  }
}

/** A BUYING account has no orders or payouts of its own to sync. */
export class NotSellingAccountError extends DomainError {
  readonly kind = 'conflict';
  override readonly code = 'not_selling';

  constructor() {
    super('This account’s purpose is BUYING: only SELLING and BOTH accounts are synced; change its purpose first');
  }
}

/** `:resource` is not one the service syncs. */
export class UnknownSyncResourceError extends DomainError {
  readonly kind = 'invalid';
  override readonly code = 'unknown_resource';

  constructor(resources: readonly string[]) {
    super(`resource must be one of: ${resources.join(', ')}`);
  }
}
