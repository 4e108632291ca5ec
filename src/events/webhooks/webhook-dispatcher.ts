import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { EventsConfig } from '../../config/configuration';
import { MetricsService, type WebhookAttemptOutcome } from '../../metrics';
import { eventIdOf } from '../event-id';
import { EventNotifications } from '../event-notifications';
import { verdictAfter, type DeliveryVerdict } from './delivery-schedule';
import { type AttemptRecord, type ClaimedDelivery, type DeliveryUpdate, WebhookDeliveryRepository } from './webhook-delivery.repository';
import { secretContext, WebhookSecretCipher } from './webhook-secret';
import { type WebhookAttemptResult, WebhookSender } from './webhook-sender';
import { signDelivery } from './webhook-signer';

/** Deliveries of one endpoint in flight on one replica: a slow receiver cannot take every slot. */
export const MAX_IN_FLIGHT_PER_ENDPOINT = 16;
/** An endpoint that has answered nothing but failures this long is disabled. */
export const FAILING_DISABLES_AFTER_SECONDS = 5 * 86_400;
/** How often the dispatcher looks for due deliveries without being woken (retries come due this way). */
const POLL_MS = 1_000;
/**
 * A finished attempt frees its slot; the claim for it waits this long for others to finish
 * too, so that a busy dispatcher claims in batches rather than one query per delivery.
 */
const SLOT_COALESCE_MS = 10;
/** After a failed claim (the database away), the next try waits this long. */
const CLAIM_ERROR_PAUSE_MS = 2_000;
/** The lease outlasts an attempt (WEBHOOK_TIMEOUT_MS) by this much: time to write its outcome. */
const LEASE_MARGIN_SECONDS = 10;

/**
 * Delivers pending webhook deliveries: claims due ones under a lease (one attempt in flight per
 * delivery across replicas), signs and POSTs each with no transaction open, then settles the
 * attempt and what follows from it in one transaction while the lease is still ours. Woken by
 * each committed event (LISTEN/NOTIFY) and at least once a second. At-least-once: an attempt a
 * replica died in is made again when its lease runs out, with the same webhook-id.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly inFlightByEndpoint = new Map<string, number>();
  private isStopping = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** A wake-up that came while the loop was claiming: the next pause returns at once. */
  private isWakePending = false;
  private unsubscribe: (() => void) | undefined;
  private slotWake: NodeJS.Timeout | undefined;

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly sender: WebhookSender,
    private readonly cipher: WebhookSecretCipher,
    private readonly notifications: EventNotifications,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
    private readonly config: EventsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.notifications.subscribe(() => this.wake());
    this.loop = this.run();
  }

  /** Stops claiming and lets the attempts in flight finish (each bounded by WEBHOOK_TIMEOUT_MS). */
  async beforeApplicationShutdown(): Promise<void> {
    this.isStopping = true;
    this.unsubscribe?.();
    this.wake();
    await this.loop;
    await Promise.allSettled(this.inFlight.values());
    clearTimeout(this.slotWake);
    this.sender.close();
  }

  private wake(): void {
    if (this.wakeUp === undefined) this.isWakePending = true;
    else this.wakeUp();
  }

  private wakeForFreedSlot(): void {
    if (this.inFlight.size === 0 || this.isStopping) {
      this.wake();
      return;
    }
    this.slotWake ??= setTimeout(() => {
      this.slotWake = undefined;
      this.wake();
    }, SLOT_COALESCE_MS);
  }

  private async run(): Promise<void> {
    while (!this.isStopping) {
      const free = this.config.webhookConcurrency - this.inFlight.size;
      if (free > 0) {
        let claimed: ClaimedDelivery[];
        try {
          claimed = await this.deliveries.claim({
            leaseId: randomUUID(),
            now: this.clock.now(),
            limit: free,
            leaseSeconds: Math.ceil(this.config.webhookTimeoutMs / 1000) + LEASE_MARGIN_SECONDS,
            inFlightByEndpoint: this.inFlightByEndpoint,
            perEndpoint: MAX_IN_FLIGHT_PER_ENDPOINT,
          });
        } catch (error) {
          this.logger.warn({ err: error }, 'Could not claim webhook deliveries; trying again shortly');
          await this.pause(CLAIM_ERROR_PAUSE_MS);
          continue;
        }
        if (this.isStopping) {
          await this.deliveries.release(claimed).catch(() => undefined);
          return;
        }
        for (const claim of claimed) this.start(claim);
        // A full claim: more may be due right now.
        if (claimed.length > 0 && claimed.length === free) continue;
      }
      await this.pause(POLL_MS);
    }
  }

  /** Until woken (an event committed, an attempt finished) or `ms` passed. */
  private pause(ms: number): Promise<void> {
    if (this.isWakePending) {
      this.isWakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.wakeUp = undefined;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private start(claim: ClaimedDelivery): void {
    this.inFlightByEndpoint.set(claim.endpointId, (this.inFlightByEndpoint.get(claim.endpointId) ?? 0) + 1);
    const attempt = this.attempt(claim)
      .catch((error: unknown) => this.logger.error({ err: error, deliveryId: claim.id }, 'A webhook attempt could not be settled; its lease will run out and it is made again'))
      .finally(() => {
        this.inFlight.delete(claim.id);
        const left = (this.inFlightByEndpoint.get(claim.endpointId) ?? 1) - 1;
        if (left === 0) this.inFlightByEndpoint.delete(claim.endpointId);
        else this.inFlightByEndpoint.set(claim.endpointId, left);
        this.wakeForFreedSlot();
      });
    this.inFlight.set(claim.id, attempt);
  }

  /** Sign, POST, settle: the named steps of one attempt. */
  private async attempt(claim: ClaimedDelivery): Promise<void> {
    const attemptedAt = this.clock.now();
    const result = await this.post(claim, attemptedAt);
    const verdict = verdictAfter(result, claim.attempts + 1, this.config.webhookRetryScheduleSeconds, this.clock.now(), Math.random());
    const { settled, disabled } = await this.deliveries.settle(claim, attemptRecordOf(attemptedAt, result), deliveryUpdateOf(verdict), {
      succeeded: verdict.kind === 'succeeded',
      isGone: verdict.kind === 'gone',
      failingDisablesAfterSeconds: FAILING_DISABLES_AFTER_SECONDS,
    });
    const outcome: WebhookAttemptOutcome = settled ? verdict.kind : 'lost';
    this.metrics.observeWebhookAttempt(
      outcome,
      outcome === 'succeeded' ? (this.clock.now().getTime() - claim.occurredAt.getTime()) / 1000 : undefined,
    );
    if (disabled !== undefined) {
      this.logger.warn({ endpointId: claim.endpointId, reason: disabled }, 'Disabled a webhook endpoint');
    }
    if (outcome === 'failed') {
      this.logger.warn({ endpointId: claim.endpointId, deliveryId: claim.id, attempts: claim.attempts + 1 }, 'A webhook delivery failed: its retry schedule ran out');
    }
  }

  private async post(claim: ClaimedDelivery, sentAt: Date): Promise<WebhookAttemptResult> {
    let secrets: string[];
    try {
      secrets = this.secretsOf(claim, sentAt);
    } catch (error) {
      // A key missing from TOKEN_ENCRYPTION_KEYS: nothing can be signed until it is back.
      return { kind: 'failed', durationMs: 0, error: (error as Error).message, isRefusedTarget: false };
    }
    const body = JSON.stringify({ type: claim.type, timestamp: claim.occurredAt.toISOString(), data: claim.data });
    const headers = signDelivery(eventIdOf(claim.eventPosition), sentAt, body, secrets);
    return this.sender.send({ url: claim.url, headers: { ...headers }, body });
  }

  /** The current secret, and the one a rotation replaced while its overlap lasts. */
  private secretsOf(claim: ClaimedDelivery, now: Date): string[] {
    const secrets = [this.cipher.decrypt(claim.secret, secretContext(claim.endpointId, 'secret'))];
    if (claim.previousSecret !== null && claim.previousSecretUntil !== null && claim.previousSecretUntil > now) {
      secrets.push(this.cipher.decrypt(claim.previousSecret, secretContext(claim.endpointId, 'previous_secret')));
    }
    return secrets;
  }
}

function attemptRecordOf(attemptedAt: Date, result: WebhookAttemptResult): AttemptRecord {
  return result.kind === 'response'
    ? {
        attemptedAt,
        durationMs: Math.round(result.durationMs),
        statusCode: result.statusCode,
        error: null,
        // PostgreSQL's text cannot hold NUL; a receiver's body may.
        responseBody: result.body.replace(/\u0000/g, ''),
      }
    : { attemptedAt, durationMs: Math.round(result.durationMs), statusCode: null, error: result.error, responseBody: null };
}

function deliveryUpdateOf(verdict: DeliveryVerdict): DeliveryUpdate {
  switch (verdict.kind) {
    case 'succeeded':
      return { status: 'succeeded', nextAttemptAt: null };
    case 'retry':
      return { status: 'pending', nextAttemptAt: verdict.at };
    case 'gone':
    case 'failed':
      return { status: 'failed', nextAttemptAt: null };
  }
}
