import { DomainError } from '../../common/errors/domain.error';

/**
 * A webhook URL the service will not call: its host is, or resolves to, an address that is
 * not globally routable (loopback, private, link-local, cloud metadata…). Refusing it keeps a
 * customer from making the service reach into its own network.
 */
export class WebhookTargetRefusedError extends DomainError {
  readonly kind = 'invalid';
  override readonly code: 'webhook_target_refused' | 'webhook_target_unresolvable' = 'webhook_target_refused';
  /** What was refused (host, address), for the log; the message already says it to the client. */
  readonly refused: Readonly<Record<string, string>>;

  constructor(message: string, refused: Readonly<Record<string, string>>) {
    super(message);
    this.refused = refused;
  }
}

/** The webhook URL's host name has no address: refused too, since nothing could be checked. */
export class WebhookTargetUnresolvableError extends WebhookTargetRefusedError {
  override readonly code = 'webhook_target_unresolvable';
}
