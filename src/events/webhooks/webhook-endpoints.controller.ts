import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { type AuthUser, CurrentUser } from '../../auth';
import { ErrorResponse } from '../../common/errors/error-response.dto';
import { ApiUuidParam } from '../../common/http/api-uuid-param.decorator';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '../../common/openapi/openapi-decorators';
import { eventIdOf } from '../event-id';
import { WebhookDeliveriesQuery } from './dto/webhook-deliveries-query.dto';
import { CreateWebhookEndpointRequest, UpdateWebhookEndpointRequest } from './dto/webhook-endpoint-requests.dto';
import {
  WebhookDeliveriesPage,
  type WebhookDeliveryResponse,
  WebhookEndpointList,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
  WebhookTestResponse,
} from './dto/webhook-endpoint.response';
import type { DeliveryView } from './webhook-delivery.repository';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { type EndpointWithSecret, MAX_ENDPOINTS_PER_ORG, WebhookEndpointsService } from './webhook-endpoints.service';

const ID_PARAM = new ParseUUIDPipe();
const NOT_FOUND = 'No such endpoint in the caller’s organisation';
const URL_REFUSED =
  'Invalid fields; code invalid_webhook_url: not an allowed URL (https only, no credentials); code webhook_target_refused: ' +
  'its host is or resolves to a non-public address; code webhook_target_unresolvable: its host does not resolve';

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook endpoint',
    description:
      'Events of the caller’s organisation (and those for every organisation) are POSTed to url as Standard Webhooks: ' +
      'webhook-id (the event id, the same on every retry), webhook-timestamp and webhook-signature headers, body ' +
      '{type, timestamp, data}. The answer carries the signing secret, shown only here.',
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: URL_REFUSED })
  @ApiConflictResponse({ type: ErrorResponse, description: `code too_many_webhook_endpoints: the organisation has ${MAX_ENDPOINTS_PER_ORG}` })
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateWebhookEndpointRequest): Promise<WebhookEndpointWithSecretResponse> {
    return withSecret(await this.endpoints.create(user, body));
  }

  @Get()
  @ApiOperation({ summary: 'The organisation’s webhook endpoints' })
  @ApiOkResponse({ type: WebhookEndpointList })
  async list(@CurrentUser() user: AuthUser): Promise<WebhookEndpointList> {
    return { items: (await this.endpoints.list(user)).map((endpoint) => WebhookEndpointResponse.from(endpoint)) };
  }

  @Get(':id')
  @ApiUuidParam('id', 'The endpoint’s id')
  @ApiOperation({ summary: 'One webhook endpoint' })
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: NOT_FOUND })
  async get(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string): Promise<WebhookEndpointResponse> {
    return WebhookEndpointResponse.from(await this.endpoints.get(user, id));
  }

  @Patch(':id')
  @ApiUuidParam('id', 'The endpoint’s id')
  @ApiOperation({ summary: 'Change an endpoint’s URL, types or description; enable or disable it' })
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: `${URL_REFUSED}; code empty_update: nothing to change` })
  @ApiNotFoundResponse({ type: ErrorResponse, description: NOT_FOUND })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ID_PARAM) id: string,
    @Body() body: UpdateWebhookEndpointRequest,
  ): Promise<WebhookEndpointResponse> {
    return WebhookEndpointResponse.from(await this.endpoints.update(user, id, body));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiUuidParam('id', 'The endpoint’s id')
  @ApiOperation({ summary: 'Delete an endpoint with its deliveries' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: NOT_FOUND })
  async delete(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string): Promise<void> {
    await this.endpoints.delete(user, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiUuidParam('id', 'The endpoint’s id')
  @ApiOperation({
    summary: 'A new signing secret',
    description:
      'Deliveries are signed with the new secret and, for 24 hours, also with the old one: webhook-signature then ' +
      'holds two space-separated signatures, and a receiver verifies with whichever secret it has.',
  })
  @ApiOkResponse({ type: WebhookEndpointWithSecretResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: NOT_FOUND })
  async rotateSecret(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string): Promise<WebhookEndpointWithSecretResponse> {
    return withSecret(await this.endpoints.rotateSecret(user, id));
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiUuidParam('id', 'The endpoint’s id')
  @ApiOperation({ summary: 'Send a webhook.test event to this endpoint', description: 'Delivered like any event, retries included.' })
  @ApiAcceptedResponse({ type: WebhookTestResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: NOT_FOUND })
  @ApiConflictResponse({ type: ErrorResponse, description: 'code webhook_endpoint_disabled: enable it first' })
  async test(@CurrentUser() user: AuthUser, @Param('id', ID_PARAM) id: string): Promise<WebhookTestResponse> {
    return { eventId: eventIdOf(await this.endpoints.sendTest(user, id)) };
  }

  @Get(':id/deliveries')
  @ApiUuidParam('id', 'The endpoint’s id')
  @ApiOperation({ summary: 'The endpoint’s deliveries, newest first, each with its attempts' })
  @ApiOkResponse({ type: WebhookDeliveriesPage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID, a bad status or limit; code invalid_cursor' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: NOT_FOUND })
  async listDeliveries(
    @CurrentUser() user: AuthUser,
    @Param('id', ID_PARAM) id: string,
    @Query() query: WebhookDeliveriesQuery,
  ): Promise<WebhookDeliveriesPage> {
    const page = await this.deliveries.page(user, id, query.limit ?? 20, query.after, query.status);
    return { items: page.deliveries.map(deliveryResponseOf), nextCursor: page.nextCursor };
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiUuidParam('id', 'The endpoint’s id')
  @ApiUuidParam('deliveryId', 'The delivery’s id')
  @ApiOperation({ summary: 'Make a delivery due now', description: 'A failed one is tried again; a delivered one is sent again with the same webhook-id.' })
  @ApiNoContentResponse({ description: 'Due now' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'An id is not a UUID' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such endpoint, or no such delivery of it' })
  async retryDelivery(
    @CurrentUser() user: AuthUser,
    @Param('id', ID_PARAM) id: string,
    @Param('deliveryId', ID_PARAM) deliveryId: string,
  ): Promise<void> {
    await this.deliveries.retry(user, id, deliveryId);
  }
}

function withSecret({ endpoint, secret }: EndpointWithSecret): WebhookEndpointWithSecretResponse {
  return { ...WebhookEndpointResponse.from(endpoint), secret };
}

function deliveryResponseOf(delivery: DeliveryView): WebhookDeliveryResponse {
  return {
    id: delivery.id,
    eventId: eventIdOf(delivery.eventPosition),
    eventType: delivery.type,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
    finishedAt: delivery.finishedAt?.toISOString() ?? null,
    attemptLog: delivery.attemptLog.map((attempt) => ({
      attemptedAt: attempt.attemptedAt.toISOString(),
      durationMs: attempt.durationMs,
      statusCode: attempt.statusCode,
      error: attempt.error,
      responseBody: attempt.responseBody,
    })),
  };
}
