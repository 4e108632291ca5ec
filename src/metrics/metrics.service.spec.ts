import { MetricsRegistry } from './metrics-registry';
import { MetricsService } from './metrics.service';

function metrics(): { service: MetricsService; registry: MetricsRegistry } {
  const registry = new MetricsRegistry({ enabled: false });
  return { service: new MetricsService(registry), registry };
}

describe('MetricsService', () => {
  it('lets several apps of one process each have their own, counting apart', async () => {
    const first = metrics();
    const second = metrics();

    first.service.countEbayCall('Identity getUser', 200);
    first.service.countEbayCall('Identity getUser', 200);
    second.service.countEbayCall('Identity getUser', 'network_error');

    expect(await first.registry.registry.getSingleMetricAsString('ebay_connect_ebay_api_requests_total')).toContain(
      'ebay_connect_ebay_api_requests_total{operation="Identity getUser",status="200"} 2',
    );
    expect(await second.registry.registry.getSingleMetricAsString('ebay_connect_ebay_api_requests_total')).not.toContain('status="200"');
  });

  it('records a refresh as an attempt and a duration, by trigger and outcome', async () => {
    const { service, registry } = metrics();

    service.observeRefresh('background', 'refreshed', 0.2);
    service.observeRefresh('background', 'refreshed', 3);
    service.observeRefresh('rejected', 'reauth', 0.05);

    const text = await registry.scrape();
    expect(text).toContain('ebay_connect_token_refresh_attempts_total{trigger="background",outcome="refreshed"} 2');
    expect(text).toContain('ebay_connect_token_refresh_attempts_total{trigger="rejected",outcome="reauth"} 1');
    expect(text).toContain('ebay_connect_token_refresh_duration_seconds_bucket{le="0.25",trigger="background",outcome="refreshed"} 1');
    expect(text).toContain('ebay_connect_token_refresh_duration_seconds_sum{trigger="background",outcome="refreshed"} 3.2');
  });

  it('computes registered gauges at each scrape, dropping label sets that are gone', async () => {
    const { service, registry } = metrics();
    let samples = [
      { labels: { status: 'active' }, value: 3 },
      { labels: { status: 'reauth_required' }, value: 1 },
    ];
    service.registerGauge('ebay_connect_tokens', 'Tokens by status.', ['status'], async () => samples);

    expect(await registry.scrape()).toContain('ebay_connect_tokens{status="reauth_required"} 1');
    samples = [{ labels: { status: 'active' }, value: 4 }];
    const text = await registry.scrape();
    expect(text).toContain('ebay_connect_tokens{status="active"} 4');
    expect(text).not.toContain('reauth_required');
  });

  it('still answers a scrape when a gauge cannot be computed, without that gauge’s values', async () => {
    const { service, registry } = metrics();
    service.registerGauge('ebay_connect_due_backlog', 'Tokens due.', [], async () => {
      throw new Error('the database is down');
    });
    service.registerGauge('ebay_connect_tokens', 'Tokens by status.', ['status'], async () => {
      throw new Error('the database is down');
    });
    service.countTokenGrant('refresh_token', 200);

    await registry.scrape();
    const text = await registry.scrape();
    expect(text).toContain('ebay_connect_due_backlog Nan');
    expect(text).toContain('# TYPE ebay_connect_tokens gauge');
    expect(text).not.toMatch(/^ebay_connect_tokens[{ ]/m);
    // Counted as the gauge is computed, so a scrape shows the failures of the scrapes before it.
    expect(text).toContain('ebay_connect_metric_collect_failures_total{metric="ebay_connect_tokens"} 1');
    expect(text).toContain('ebay_connect_ebay_token_grants_total{grant_type="refresh_token",status="200"} 1');
  });

  it('refuses a gauge named outside the service’s prefix', () => {
    expect(() => metrics().service.registerGauge('tokens', 'Tokens.', [], async () => [])).toThrow(/ebay_connect_/);
  });
});
