import { Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { describeError } from '../common/logging/error-description';
import { MetricsRegistry } from './metrics-registry';
import { METRIC_PREFIX } from './process-metrics';

/** Why a refresh ran: a caller's token was expiring or rejected, an owner forced it, or the background refresher. */
export type RefreshTrigger = 'expiring' | 'rejected' | 'forced' | 'background';
/** How it ended; `skipped`: nothing was needed any more (another refresh had just stored a token). */
export type RefreshOutcome = 'refreshed' | 'failed' | 'reauth' | 'skipped';
/** eBay's HTTP status, or `network_error` when no answer came (refused, reset, timed out). */
export type EbayCallStatus = number | 'network_error';
/** How a sync run ended; `incomplete`: it stopped at its page bound, the next run carries on. */
export type SyncOutcome = 'succeeded' | 'incomplete' | 'failed';

/** What one sync run did. */
export interface SyncRunFigures {
  readonly fetched: number;
  readonly upserted: number;
  readonly ebayCalls: number;
  readonly seconds: number;
}

/** Why the proxy made a call again. */
export type ProxyRetryReason = 'token_rejected' | 'rate_limited' | 'server_error' | 'network_error';
/** Why a signing key was made: none signed (the first, or the last one expired), or renewal ahead of expiry. */
export type SigningKeyCreationReason = 'missing' | 'renewal';
/** Whether eBay's Key Management API made it. */
export type SigningKeyCreationOutcome = 'created' | 'failed';

/** What became of one webhook attempt; `lost`: its lease ran out first and another replica took the delivery over. */
export type WebhookAttemptOutcome = 'succeeded' | 'retry' | 'failed' | 'gone' | 'lost';

/** The OAuth grants the service asks eBay for. */
export type EbayGrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

/** One value of a gauge computed at scrape time, with its labels (never an id, email or token). */
export interface GaugeSample<L extends string> {
  readonly labels: Readonly<Record<L, string>>;
  readonly value: number;
}

const REFRESH_DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** From an event's commit to its receiver's 2xx: immediate, then the retry schedule's 5 s, 5 min… */
const WEBHOOK_LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 7200, 86_400];
const SYNC_DURATION_BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];

/**
 * The service's own metrics, typed so that a label can only take a bounded set of values:
 * refreshes, eBay calls and grants, and gauges other modules compute when Prometheus scrapes.
 * Label values never carry an account id, an email or a token.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger('Metrics');
  private readonly refreshAttempts: Counter<'trigger' | 'outcome'>;
  private readonly refreshDuration: Histogram<'trigger' | 'outcome'>;
  private readonly ebayCalls: Counter<'operation' | 'status'>;
  private readonly tokenGrants: Counter<'grant_type' | 'status'>;
  private readonly collectFailures: Counter<'metric'>;
  private readonly syncRuns: Counter<'resource' | 'outcome'>;
  private readonly syncDuration: Histogram<'resource' | 'outcome'>;
  private readonly syncRecords: Counter<'resource' | 'kind'>;
  private readonly syncEbayCalls: Counter<'resource'>;
  private readonly proxyCalls: Counter<'family' | 'method' | 'status_class'>;
  private readonly proxyDuration: Histogram<'family' | 'method'>;
  private readonly proxyRetries: Counter<'reason'>;
  private readonly signingKeyCreations: Counter<'reason' | 'outcome'>;
  private readonly eventsRecorded: Counter<'type'>;
  private readonly webhookAttempts: Counter<'outcome'>;
  private readonly webhookLatency: Histogram;

  constructor(private readonly metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.refreshAttempts = new Counter({
      name: `${METRIC_PREFIX}token_refresh_attempts_total`,
      help: 'Token refreshes by what asked for them and how they ended.',
      labelNames: ['trigger', 'outcome'],
      registers,
    });
    this.refreshDuration = new Histogram({
      name: `${METRIC_PREFIX}token_refresh_duration_seconds`,
      help: 'How long a token refresh took, waiting for another replica’s lease included.',
      labelNames: ['trigger', 'outcome'],
      buckets: REFRESH_DURATION_BUCKETS,
      registers,
    });
    this.ebayCalls = new Counter({
      name: `${METRIC_PREFIX}ebay_api_requests_total`,
      help: 'HTTP requests to eBay’s REST APIs on an account’s behalf, each retry counted, by operation and status.',
      labelNames: ['operation', 'status'],
      registers,
    });
    this.tokenGrants = new Counter({
      name: `${METRIC_PREFIX}ebay_token_grants_total`,
      help: 'Requests to eBay’s OAuth token endpoint by grant type and status.',
      labelNames: ['grant_type', 'status'],
      registers,
    });
    this.syncRuns = new Counter({
      name: `${METRIC_PREFIX}sync_runs_total`,
      help: 'Order and transaction sync runs by resource and how they ended.',
      labelNames: ['resource', 'outcome'],
      registers,
    });
    this.syncDuration = new Histogram({
      name: `${METRIC_PREFIX}sync_duration_seconds`,
      help: 'How long a sync run took, by resource and how it ended.',
      labelNames: ['resource', 'outcome'],
      buckets: SYNC_DURATION_BUCKETS,
      registers,
    });
    this.syncRecords = new Counter({
      name: `${METRIC_PREFIX}sync_records_total`,
      help: 'Records sync runs read from eBay (fetched) and stored new or changed (upserted).',
      labelNames: ['resource', 'kind'],
      registers,
    });
    this.syncEbayCalls = new Counter({
      name: `${METRIC_PREFIX}sync_ebay_calls_total`,
      help: 'Pages sync runs asked eBay for (each retry of one is counted in ebay_api_requests_total).',
      labelNames: ['resource'],
      registers,
    });
    this.proxyCalls = new Counter({
      name: `${METRIC_PREFIX}proxy_requests_total`,
      help: 'Calls frontends made to eBay through the proxy, by API family (sell/fulfillment), method and status class.',
      labelNames: ['family', 'method', 'status_class'],
      registers,
    });
    this.proxyDuration = new Histogram({
      name: `${METRIC_PREFIX}proxy_request_duration_seconds`,
      help: 'How long a proxied call took until eBay’s answer began, retries included.',
      labelNames: ['family', 'method'],
      buckets: REFRESH_DURATION_BUCKETS,
      registers,
    });
    this.proxyRetries = new Counter({
      name: `${METRIC_PREFIX}proxy_retries_total`,
      help: 'Proxied calls made again: token_rejected (401, after a refresh), rate_limited (a short 429), server_error, network_error.',
      labelNames: ['reason'],
      registers,
    });
    this.signingKeyCreations = new Counter({
      name: `${METRIC_PREFIX}ebay_signing_key_creations_total`,
      help: 'Signing keys this replica asked eBay’s Key Management API for, by why (missing, renewal) and outcome.',
      labelNames: ['reason', 'outcome'],
      registers,
    });
    this.eventsRecorded = new Counter({
      name: `${METRIC_PREFIX}events_recorded_total`,
      help: 'Events written into the log by this replica, by type (a transaction that rolls back afterwards takes its event with it).',
      labelNames: ['type'],
      registers,
    });
    this.webhookAttempts = new Counter({
      name: `${METRIC_PREFIX}webhook_attempts_total`,
      help: 'Webhook delivery attempts by what came of them: succeeded, retry (scheduled again), failed (schedule ran out), gone (410: endpoint disabled), lost (lease ran out).',
      labelNames: ['outcome'],
      registers,
    });
    this.webhookLatency = new Histogram({
      name: `${METRIC_PREFIX}webhook_delivery_latency_seconds`,
      help: 'From an event’s commit to its receiver’s 2xx, retries included.',
      buckets: WEBHOOK_LATENCY_BUCKETS,
      registers,
    });
    this.collectFailures = new Counter({
      name: `${METRIC_PREFIX}metric_collect_failures_total`,
      help: 'Scrapes in which a gauge could not be computed, by gauge.',
      labelNames: ['metric'],
      registers,
    });
  }

  /** One token refresh: why it ran, how it ended and how long it took. */
  observeRefresh(trigger: RefreshTrigger, outcome: RefreshOutcome, seconds: number): void {
    this.refreshAttempts.inc({ trigger, outcome });
    this.refreshDuration.observe({ trigger, outcome }, seconds);
  }

  /** One HTTP attempt at eBay's REST APIs; `operation` is a fixed name per call site ('Identity getUser'). */
  countEbayCall(operation: string, status: EbayCallStatus): void {
    this.ebayCalls.inc({ operation, status: String(status) });
  }

  /** One sync run of one account's resource ('orders', 'transactions'). */
  observeSync(resource: string, outcome: SyncOutcome, figures: SyncRunFigures): void {
    this.syncRuns.inc({ resource, outcome });
    this.syncDuration.observe({ resource, outcome }, figures.seconds);
    this.syncRecords.inc({ resource, kind: 'fetched' }, figures.fetched);
    this.syncRecords.inc({ resource, kind: 'upserted' }, figures.upserted);
    this.syncEbayCalls.inc({ resource }, figures.ebayCalls);
  }

  /**
   * One proxied call. `family` is the API's first two path segments, from an allow-listed
   * path (bounded by EBAY_PROXY_ALLOWED_PATHS and eBay's API families); `status` eBay's, or
   * the service's own refusal.
   */
  observeProxyCall(family: string, method: string, status: number, seconds: number): void {
    this.proxyCalls.inc({ family, method, status_class: `${Math.floor(status / 100)}xx` });
    this.proxyDuration.observe({ family, method }, seconds);
  }

  countProxyRetry(reason: ProxyRetryReason): void {
    this.proxyRetries.inc({ reason });
  }

  countEventRecorded(type: string): void {
    this.eventsRecorded.inc({ type });
  }

  /** One webhook attempt; on success, how long after the event's commit it was received. */
  observeWebhookAttempt(outcome: WebhookAttemptOutcome, secondsSinceEvent: number | undefined): void {
    this.webhookAttempts.inc({ outcome });
    if (secondsSinceEvent !== undefined) this.webhookLatency.observe(secondsSinceEvent);
  }

  /** One request to eBay's token endpoint. */
  countTokenGrant(grantType: EbayGrantType, status: EbayCallStatus): void {
    this.tokenGrants.inc({ grant_type: grantType, status: String(status) });
  }

  /** One call to eBay's Key Management API for the keyset's signing key. */
  countSigningKeyCreation(reason: SigningKeyCreationReason, outcome: SigningKeyCreationOutcome): void {
    this.signingKeyCreations.inc({ reason, outcome });
  }

  /**
   * A gauge whose values `collect` computes each time Prometheus scrapes (tokens by status, the
   * due backlog…). `name` is the full name and starts with `ebay_connect_`. When `collect` fails,
   * the rest of the scrape still answers; the gauge shows no values (NaN if it has no labels:
   * prom-client always writes one), and `ebay_connect_metric_collect_failures_total` counts it
   * (from the next scrape on: it is read before the gauges are computed).
   */
  registerGauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect: () => Promise<readonly GaugeSample<L>[]>,
  ): void {
    if (!name.startsWith(METRIC_PREFIX)) throw new Error(`Metric ${name} must start with ${METRIC_PREFIX}`);
    const { logger, collectFailures } = this;
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.metrics.registry],
      async collect() {
        try {
          const samples = await collect();
          this.reset();
          for (const sample of samples) this.set(sample.labels, sample.value);
        } catch (error) {
          this.reset();
          if (labelNames.length === 0) this.set(NaN);
          collectFailures.inc({ metric: name });
          logger.warn({ err: describeError(asError(error)) }, `Could not compute ${name} for this scrape`);
        }
      },
    });
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
