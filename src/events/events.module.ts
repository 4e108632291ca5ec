import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsConfig } from '../config/configuration';
import { DatabaseEndpointModule } from '../database/database-endpoint.module';
import { EventRecord } from './entities/event.entity';
import { WebhookAttempt } from './entities/webhook-attempt.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { EventLogService } from './event-log.service';
import { EventRepository } from './event.repository';
import { EventsController } from './events.controller';
import { EventNotifications } from './event-notifications';
import { EventPruner } from './event-pruner';
import { EventsService } from './events.service';
import { EventFeed } from './stream/event-feed';
import { EventStreamController } from './stream/event-stream.controller';
import { EventStreamService } from './stream/event-stream.service';
import { WebhookDeliveriesService } from './webhooks/webhook-deliveries.service';
import { WebhookDeliveryRepository } from './webhooks/webhook-delivery.repository';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { WebhookEndpointRepository } from './webhooks/webhook-endpoint.repository';
import { WebhookEndpointsController } from './webhooks/webhook-endpoints.controller';
import { WebhookEndpointsService } from './webhooks/webhook-endpoints.service';
import { WebhookSecretCipher } from './webhooks/webhook-secret';
import { WebhookMetrics } from './webhooks/webhook-metrics';
import { WebhookSender } from './webhooks/webhook-sender';

/** Receivers see it; a deployment's version is not worth disclosing. */
const USER_AGENT = 'ebay-connect-webhooks';

/**
 * The event log (an outbox every module writes inside its own transaction), webhook endpoints
 * and their deliveries, and the live stream. Low in the graph: it reads no feature module.
 */
@Module({
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forFeature([EventRecord, WebhookEndpoint, WebhookDelivery, WebhookAttempt]),
  ],
  controllers: [EventsController, EventStreamController, WebhookEndpointsController],
  providers: [
    EventRepository,
    EventsService,
    EventLogService,
    EventNotifications,
    EventPruner,
    EventFeed,
    EventStreamService,
    WebhookSecretCipher,
    WebhookEndpointRepository,
    WebhookEndpointsService,
    WebhookDeliveryRepository,
    WebhookDeliveriesService,
    WebhookDispatcher,
    WebhookMetrics,
    {
      provide: WebhookSender,
      inject: [EventsConfig],
      useFactory: (config: EventsConfig): WebhookSender =>
        new WebhookSender({
          timeoutMs: config.webhookTimeoutMs,
          allowInsecureTargets: config.allowInsecureWebhookTargets,
          userAgent: USER_AGENT,
        }),
    },
  ],
  exports: [EventsService],
})
export class EventsModule {}
