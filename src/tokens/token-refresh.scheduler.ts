import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { mapWithConcurrency } from '../common/concurrency/map-with-concurrency';
import { Clock } from '../common/time/clock';
import { TokensConfig } from '../config/configuration';
import { EbayTokenRepository } from './ebay-token.repository';
import { CLAIM_LEASE_SECONDS } from './refresh-policy';
import { TokenService } from './token.service';

const INTERVAL_NAME = 'token-refresher';
/** Enough to drain a large backlog without one run holding on forever. */
const MAX_BATCHES_PER_RUN = 50;

export interface RefreshRunReport {
  readonly claimed: number;
  readonly refreshed: number;
  readonly failed: number;
}

/**
 * The background refresher: every interval it claims tokens due within the horizon
 * (FOR UPDATE SKIP LOCKED, so N replicas split the work) and refreshes them with bounded
 * concurrency. Failures are recorded per token and retried with backoff, never in a loop.
 */
@Injectable()
export class TokenRefreshScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TokenRefreshScheduler');
  private running: Promise<RefreshRunReport> | undefined;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly tokens: EbayTokenRepository,
    private readonly service: TokenService,
    private readonly clock: Clock,
    private readonly config: TokensConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.refreshEnabled) return;
    const timer = setInterval(() => void this.runOnce(), this.config.refreshIntervalSeconds * 1000);
    this.registry.addInterval(INTERVAL_NAME, timer);
  }

  /** Lets a run in progress finish before the pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
    await this.running;
  }

  /** One pass over the due tokens; a pass already running in this process is joined, not doubled. */
  runOnce(): Promise<RefreshRunReport> {
    this.running ??= this.refreshDueTokens().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async refreshDueTokens(): Promise<RefreshRunReport> {
    const batchSize = this.config.refreshConcurrency * 4;
    let claimed = 0;
    let refreshed = 0;
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
        const accountIds = await this.tokens.claimDue(this.clock.now(), batchSize, CLAIM_LEASE_SECONDS);
        claimed += accountIds.length;
        const outcomes = await mapWithConcurrency(accountIds, this.config.refreshConcurrency, (accountId) =>
          this.service.refreshDue(accountId).then(
            () => true,
            () => false, // recorded on the token row and logged by TokenRefresher
          ),
        );
        refreshed += outcomes.filter(Boolean).length;
        if (accountIds.length < batchSize) break;
      }
    } catch (error) {
      this.logger.error(error instanceof Error ? error : String(error), 'The refresher run stopped early');
    }
    const report = { claimed, refreshed, failed: claimed - refreshed };
    if (claimed > 0) this.logger.log(report, 'Refreshed due tokens');
    return report;
  }
}
