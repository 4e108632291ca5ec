/** What other modules may use of metrics: the service's metric vocabulary and its types. */
export {
  type EbayCallStatus,
  type EbayGrantType,
  type GaugeSample,
  MetricsService,
  type ProxyRetryReason,
  type RefreshOutcome,
  type RefreshTrigger,
  type SigningKeyCreationOutcome,
  type SigningKeyCreationReason,
  type SyncOutcome,
  type SyncRunFigures,
  type WebhookAttemptOutcome,
} from './metrics.service';
