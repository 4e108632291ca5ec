import type { HttpService } from '@nestjs/axios';
import type { Clock } from '../common/time/clock';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { MetricsService } from '../metrics/metrics.service';
import type { EbayConnection } from './ebay-connection';
import { APPLICATION_SCOPE, EbayOAuthClient } from './ebay-oauth.client';

class MovableClock implements Clock {
  ms = Date.parse('2026-03-19T20:00:00.000Z');
  now(): Date {
    return new Date(this.ms);
  }
}

/** eBay's token endpoint as the client sees it: each client_credentials grant a new token of 2 h. */
function fakeHttp(): { http: HttpService; forms: URLSearchParams[] } {
  const forms: URLSearchParams[] = [];
  const post = async (_url: string, body: string): Promise<{ status: number; data: unknown }> => {
    forms.push(new URLSearchParams(body));
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { status: 200, data: { access_token: `app-token-${forms.length}`, expires_in: 7200, token_type: 'Application Access Token' } };
  };
  return { http: { axiosRef: { post } } as unknown as HttpService, forms };
}

const CONNECTION = {
  hosts: { apiBaseUrl: 'http://ebay.test' },
  clientId: 'id',
  clientSecret: 'secret',
} as unknown as EbayConnection;

function metrics(): { service: MetricsService; registry: MetricsRegistry } {
  const registry = new MetricsRegistry({ enabled: false });
  return { service: new MetricsService(registry), registry };
}

describe('EbayOAuthClient.applicationToken', () => {
  it('asks for one client_credentials token for many callers, and again 5 minutes before it expires', async () => {
    const { http, forms } = fakeHttp();
    const clock = new MovableClock();
    const { service, registry } = metrics();
    const client = new EbayOAuthClient(http, CONNECTION, clock, service);

    expect(new Set(await Promise.all([client.applicationToken(), client.applicationToken(), client.applicationToken()]))).toEqual(
      new Set(['app-token-1']),
    );
    expect(forms.map((form) => [form.get('grant_type'), form.get('scope')])).toEqual([['client_credentials', APPLICATION_SCOPE]]);

    clock.ms += (7200 - 301) * 1000;
    expect(await client.applicationToken()).toBe('app-token-1');
    clock.ms += 2000;
    expect(await client.applicationToken()).toBe('app-token-2');
    expect(await registry.registry.getSingleMetricAsString('ebay_connect_ebay_token_grants_total')).toContain(
      'ebay_connect_ebay_token_grants_total{grant_type="client_credentials",status="200"} 2',
    );
  });

  it('forgets a token eBay refused, and only that one', async () => {
    const { http, forms } = fakeHttp();
    const client = new EbayOAuthClient(http, CONNECTION, new MovableClock(), metrics().service);
    const first = await client.applicationToken();

    client.forgetApplicationToken('some-older-token');
    expect(await client.applicationToken()).toBe(first);
    client.forgetApplicationToken(first);
    expect(await client.applicationToken()).toBe('app-token-2');
    expect(forms).toHaveLength(2);
  });
});
