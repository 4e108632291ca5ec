import { DomainError } from '../../common/errors/domain.error';

export class WebhookEndpointNotFoundError extends DomainError {
  readonly kind = 'not_found';
  override readonly code = 'webhook_endpoint_not_found';
  constructor() {
    super('No webhook endpoint of this id in the caller’s organisation');
  }
}

export class WebhookDeliveryNotFoundError extends DomainError {
  readonly kind = 'not_found';
  override readonly code = 'webhook_delivery_not_found';
  constructor() {
    super('No delivery of this id for this endpoint');
  }
}

export class TooManyWebhookEndpointsError extends DomainError {
  readonly kind = 'conflict';
  override readonly code = 'too_many_webhook_endpoints';
  constructor(limit: number) {
    super(`An organisation may have at most ${limit} webhook endpoints; delete one first`);
  }
}

export class WebhookEndpointDisabledError extends DomainError {
  readonly kind = 'conflict';
  override readonly code = 'webhook_endpoint_disabled';
  constructor() {
    super('The endpoint is disabled: enable it (PATCH enabled=true) before sending it a test');
  }
}

export class InvalidWebhookUrlError extends DomainError {
  readonly kind = 'invalid';
  override readonly code = 'invalid_webhook_url';
  constructor(reason: string) {
    super(`url: ${reason}`);
  }
}

export class EmptyWebhookEndpointUpdateError extends DomainError {
  readonly kind = 'invalid';
  override readonly code = 'empty_update';
  constructor() {
    super('Send at least one of url, eventTypes, description, enabled');
  }
}
