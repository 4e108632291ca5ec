import { lookup as dnsLookup } from 'node:dns/promises';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth';
import { Clock } from '../../common/time/clock';
import { TimeoutError, withTimeout } from '../../common/time/with-timeout';
import { EventsConfig } from '../../config/configuration';
import type { WebhookEndpoint } from '../entities/webhook-endpoint.entity';
import type { EventType } from '../event-types';
import { EventsService } from '../events.service';
import { checkWebhookUrl, type HostLookup, resolvePublicAddresses } from './target-address';
import { type EndpointChanges, WebhookEndpointRepository } from './webhook-endpoint.repository';
import {
  EmptyWebhookEndpointUpdateError,
  InvalidWebhookUrlError,
  TooManyWebhookEndpointsError,
  WebhookEndpointDisabledError,
  WebhookEndpointNotFoundError,
} from './webhook-endpoints.errors';
import { newWebhookSecret, secretContext, WebhookSecretCipher } from './webhook-secret';
import { WebhookTargetUnresolvableError } from './webhook-target.errors';

/** Endpoints one organisation may have: each event is one delivery per endpoint. */
export const MAX_ENDPOINTS_PER_ORG = 20;
/** After a rotation the old secret signs beside the new one this long, while receivers switch. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
/** A URL's host must resolve within this at creation. */
const DNS_TIMEOUT_MS = 3_000;

export interface NewEndpointRequest {
  readonly url: string;
  readonly eventTypes?: readonly EventType[];
  readonly description?: string;
}

export interface EndpointUpdate {
  readonly url?: string;
  readonly eventTypes?: readonly EventType[];
  readonly description?: string | null;
  readonly enabled?: boolean;
}

/** An endpoint with the secret in clear, as only creation and rotation answer it. */
export interface EndpointWithSecret {
  readonly endpoint: WebhookEndpoint;
  readonly secret: string;
}

/** An organisation's webhook endpoints: registration with the SSRF rules, rotation, tests. */
@Injectable()
export class WebhookEndpointsService {
  private readonly lookup: HostLookup = (hostname, options) => dnsLookup(hostname, options);

  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly cipher: WebhookSecretCipher,
    private readonly events: EventsService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly config: EventsConfig,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, request: NewEndpointRequest): Promise<EndpointWithSecret> {
    const url = await this.checkedUrl(request.url);
    const secret = newWebhookSecret();
    const endpoint = await this.endpoints.insert(
      { orgId: user.id, url, description: request.description ?? null, eventTypes: request.eventTypes ?? [] },
      (id) => this.cipher.encrypt(secret, secretContext(id, 'secret')),
      MAX_ENDPOINTS_PER_ORG,
    );
    if (endpoint === null) throw new TooManyWebhookEndpointsError(MAX_ENDPOINTS_PER_ORG);
    return { endpoint, secret };
  }

  list(user: AuthUser): Promise<WebhookEndpoint[]> {
    return this.endpoints.listInOrg(user.id);
  }

  get(user: AuthUser, id: string): Promise<WebhookEndpoint> {
    return this.find(user, id);
  }

  async update(user: AuthUser, id: string, update: EndpointUpdate): Promise<WebhookEndpoint> {
    if (Object.values(update).every((value) => value === undefined)) throw new EmptyWebhookEndpointUpdateError();
    await this.find(user, id);
    const changes: EndpointChanges = {
      url: update.url === undefined ? undefined : await this.checkedUrl(update.url),
      eventTypes: update.eventTypes,
      description: update.description,
      isEnabled: update.enabled,
    };
    return this.endpoints.update(id, changes);
  }

  async delete(user: AuthUser, id: string): Promise<void> {
    await this.find(user, id);
    await this.endpoints.delete(id);
  }

  /** A new secret; the current one keeps signing beside it for ROTATION_OVERLAP_MS. */
  async rotateSecret(user: AuthUser, id: string): Promise<EndpointWithSecret> {
    const endpoint = await this.find(user, id);
    const current = this.cipher.decrypt(endpoint.secret, secretContext(id, 'secret'));
    const secret = newWebhookSecret();
    const rotated = await this.endpoints.rotateSecret(
      id,
      this.cipher.encrypt(secret, secretContext(id, 'secret')),
      this.cipher.encrypt(current, secretContext(id, 'previous_secret')),
      new Date(this.clock.now().getTime() + ROTATION_OVERLAP_MS),
    );
    return { endpoint: rotated, secret };
  }

  /** Records a webhook.test event for this endpoint alone; it is delivered like any other. */
  async sendTest(user: AuthUser, id: string): Promise<string> {
    const endpoint = await this.find(user, id);
    if (!endpoint.isEnabled) throw new WebhookEndpointDisabledError();
    return this.txHost.withTransaction(() =>
      this.events.recordForOrganisation('webhook.test', user.id, { endpointId: id }, id),
    );
  }

  private async find(user: AuthUser, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.findInOrg(user.id, id);
    if (endpoint === null) throw new WebhookEndpointNotFoundError();
    return endpoint;
  }

  /**
   * The URL as it will be called, when its scheme and host may be: https and a host whose every
   * address is public, unless WEBHOOK_ALLOW_INSECURE_TARGETS. Each delivery checks the address
   * it connects to again (DNS may answer differently by then).
   */
  private async checkedUrl(raw: string): Promise<string> {
    const allowInsecure = this.config.allowInsecureWebhookTargets;
    const verdict = checkWebhookUrl(raw, { allowInsecure });
    if (!verdict.ok) throw new InvalidWebhookUrlError(verdict.reason);
    if (!allowInsecure) {
      try {
        await withTimeout(resolvePublicAddresses(verdict.url.hostname, this.lookup), DNS_TIMEOUT_MS);
      } catch (error) {
        if (error instanceof TimeoutError) {
          throw new WebhookTargetUnresolvableError(`the URL's host did not resolve within ${DNS_TIMEOUT_MS} ms`, {
            host: verdict.url.hostname,
          });
        }
        throw error;
      }
    }
    return verdict.url.toString();
  }
}
