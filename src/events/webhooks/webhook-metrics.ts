import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../../metrics';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';

/** The webhook gauge Prometheus reads at each scrape: deliveries waiting, across every replica. */
@Injectable()
export class WebhookMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly deliveries: WebhookDeliveryRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.registerGauge(
      'ebay_connect_webhook_deliveries_pending',
      'Webhook deliveries waiting for an attempt (due now or at a retry time), by every replica.',
      [],
      async () => [{ labels: {}, value: await this.deliveries.pendingCount() }],
    );
  }
}
