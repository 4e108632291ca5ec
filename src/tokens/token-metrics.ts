import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { TokensConfig } from '../config/configuration';
import { MetricsService } from '../metrics';
import { GrantCounter } from './grant-counter';
import { type TokenFleetCounts, TokenFleetRepository } from './token-fleet.repository';

/** The token gauges Prometheus reads at each scrape: tokens by state, the due backlog, today's grants. */
@Injectable()
export class TokenMetrics implements OnModuleInit {
  /** A scrape computes its gauges together: the ones that need the counts share one read. */
  private reading: Promise<TokenFleetCounts> | undefined;

  constructor(
    private readonly metrics: MetricsService,
    private readonly fleet: TokenFleetRepository,
    private readonly grants: GrantCounter,
    private readonly clock: Clock,
    private readonly config: TokensConfig,
  ) {}

  onModuleInit(): void {
    const counts = (): Promise<TokenFleetCounts> =>
      (this.reading ??= this.fleet.counts(this.clock.now(), this.config.refreshHorizonSeconds).finally(() => {
        this.reading = undefined;
      }));
    this.metrics.registerGauge('ebay_connect_tokens', 'Connected tokens by state.', ['state'], async () => {
      const { connected, reauthRequired, expiringWithinHorizon } = await counts();
      return [
        { labels: { state: 'active' }, value: connected - reauthRequired },
        { labels: { state: 'reauth_required' }, value: reauthRequired },
        { labels: { state: 'expiring_within_horizon' }, value: expiringWithinHorizon },
      ];
    });
    this.metrics.registerGauge('ebay_connect_token_refresh_backlog', 'Active tokens due for a background refresh now.', [], async () => [
      { labels: {}, value: (await counts()).dueNow },
    ]);
    this.metrics.registerGauge(
      'ebay_connect_ebay_grants_today',
      "Grants made today (eBay's quota day) by every replica, and the daily refresh grant limit.",
      ['grant_type'],
      async () => {
        const quota = await this.grants.flush();
        return [
          { labels: { grant_type: 'refresh_token' }, value: quota.refreshGrants },
          { labels: { grant_type: 'authorization_code' }, value: quota.authorizationCodeGrants },
          { labels: { grant_type: 'refresh_token_limit' }, value: quota.refreshGrantLimit },
        ];
      },
    );
  }
}
