import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth';
import { decodeCursor, encodeCursor } from '../../common/paging/keyset-cursor';
import { Clock } from '../../common/time/clock';
import type { DeliveryStatus } from '../entities/webhook-delivery.entity';
import { type DeliveryView, WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { WebhookDeliveryNotFoundError, WebhookEndpointNotFoundError } from './webhook-endpoints.errors';

export interface DeliveryPage {
  readonly deliveries: DeliveryView[];
  readonly nextCursor: string | null;
}

/** An endpoint's deliveries: what was sent, what came back, and sending one again. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly clock: Clock,
  ) {}

  async page(user: AuthUser, endpointId: string, limit: number, after: string | undefined, status: DeliveryStatus | undefined): Promise<DeliveryPage> {
    await this.assertOwnEndpoint(user, endpointId);
    const before = after === undefined ? undefined : decodeCursor(after);
    const rows = await this.deliveries.page(endpointId, limit + 1, before, status);
    const deliveries = rows.slice(0, limit);
    return {
      deliveries,
      nextCursor: rows.length > limit ? encodeCursor(deliveries[deliveries.length - 1].position) : null,
    };
  }

  /** Due now, whatever it was: a failed delivery tried again, a delivered one sent again (same webhook-id). */
  async retry(user: AuthUser, endpointId: string, deliveryId: string): Promise<void> {
    await this.assertOwnEndpoint(user, endpointId);
    if (!(await this.deliveries.retryNow(endpointId, deliveryId, this.clock.now()))) throw new WebhookDeliveryNotFoundError();
  }

  private async assertOwnEndpoint(user: AuthUser, endpointId: string): Promise<void> {
    if ((await this.endpoints.findInOrg(user.id, endpointId)) === null) throw new WebhookEndpointNotFoundError();
  }
}
