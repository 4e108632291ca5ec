import { ApiProperty, ApiPropertyOptional } from '../../../common/openapi/openapi-decorators';
import { DISABLED_REASONS, type DisabledReason, type WebhookEndpoint } from '../../entities/webhook-endpoint.entity';
import { EVENT_TYPES } from '../../event-types';

export class WebhookEndpointResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ enum: EVENT_TYPES, isArray: true, description: 'Empty: every type' })
  eventTypes!: string[];

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({
    enum: DISABLED_REASONS,
    nullable: true,
    description: 'by_user: PATCH enabled=false; gone: the receiver answered 410; failing: nothing but failures for 5 days',
  })
  disabledReason!: DisabledReason | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The first failed attempt since the last success' })
  failingSince!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until then the secret a rotation replaced signs too' })
  previousSecretExpiresAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static from(endpoint: WebhookEndpoint): WebhookEndpointResponse {
    return {
      id: endpoint.id,
      url: endpoint.url,
      eventTypes: endpoint.eventTypes,
      description: endpoint.description,
      enabled: endpoint.isEnabled,
      disabledReason: endpoint.disabledReason,
      failingSince: endpoint.failingSince?.toISOString() ?? null,
      previousSecretExpiresAt:
        endpoint.previousSecretUntil !== null && endpoint.previousSecretUntil > new Date()
          ? endpoint.previousSecretUntil.toISOString()
          : null,
      createdAt: endpoint.createdAt.toISOString(),
      updatedAt: endpoint.updatedAt.toISOString(),
    };
  }
}

/** Creation and rotation only: the one time the secret is shown. */
export class WebhookEndpointWithSecretResponse extends WebhookEndpointResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'whsec_ and the base64 of 32 random bytes: the Standard Webhooks signing key. Shown only here; store it now.',
  })
  secret!: string;
}

export class WebhookEndpointList {
  @ApiProperty({ type: [WebhookEndpointResponse], description: 'Oldest first' })
  items!: WebhookEndpointResponse[];
}

export class WebhookTestResponse {
  @ApiProperty({ example: 'evt_0000000000000000042', description: 'The webhook.test event; its delivery carries it as webhook-id' })
  eventId!: string;
}

export class WebhookAttemptResponse {
  @ApiProperty({ format: 'date-time' })
  attemptedAt!: string;

  @ApiProperty({ type: 'integer' })
  durationMs!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'null: no answer (timeout, connection error, refused target)' })
  statusCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The first KiB of the receiver’s answer' })
  responseBody!: string | null;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'evt_0000000000000000042', description: 'Sent as webhook-id, the same on every attempt' })
  eventId!: string;

  @ApiProperty({ enum: EVENT_TYPES })
  eventType!: string;

  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] })
  status!: string;

  @ApiProperty({ type: 'integer' })
  attempts!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ type: [WebhookAttemptResponse], description: 'Oldest first' })
  attemptLog!: WebhookAttemptResponse[];
}

export class WebhookDeliveriesPage {
  @ApiProperty({ type: [WebhookDeliveryResponse], description: 'Newest first' })
  items!: WebhookDeliveryResponse[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as after= for the next (older) page; null: none' })
  nextCursor!: string | null;
}
