import { createHash, randomUUID } from 'node:crypto';
import { controlErrors } from './control-errors';
import type { EmulatorState } from './emulator-state';
import type {
  AccountDeletionEndpoint,
  AccountDeletionRequest,
  DeliveryResult,
  SignedNotification,
} from './account-deletion.types';

/** Every call to an app's endpoint gives up after this long, as eBay's would. */
const ENDPOINT_TIMEOUT_MS = 10_000;
export const ACCOUNT_DELETION_TOPIC = 'MARKETPLACE_ACCOUNT_DELETION';

/**
 * eBay's side of Marketplace Account Deletion: the endpoint check that eBay runs when a
 * developer saves an endpoint (GET ?challenge_code=…), and signed notifications POSTed there.
 */
export class AccountDeletionNotifier {
  constructor(
    private readonly state: EmulatorState,
    private readonly shutdown: AbortSignal,
  ) {}

  /**
   * Checks the endpoint as eBay does before it accepts one, and keeps it; an endpoint that
   * answers wrong is refused (409) and the previous one stays.
   */
  async register(endpoint: AccountDeletionEndpoint): Promise<void> {
    const challengeCode = randomUUID();
    const url = new URL(endpoint.endpointUrl);
    url.searchParams.set('challenge_code', challengeCode);
    const response = await this.call(url, { method: 'GET', headers: { accept: 'application/json' } });
    const text = await response.text();
    const expected = createHash('sha256')
      .update(challengeCode)
      .update(endpoint.verificationToken)
      .update(endpoint.endpointUrl)
      .digest('hex');
    if (response.status !== 200) throw controlErrors.conflict(`The endpoint answered the challenge with ${response.status}, not 200`);
    if (!/^application\/json\b/i.test(response.headers.get('content-type') ?? '')) {
      throw controlErrors.conflict('The endpoint answered the challenge without Content-Type: application/json');
    }
    const answer = parseJson(text);
    const challengeResponse = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>).challengeResponse : undefined;
    if (challengeResponse !== expected) {
      throw controlErrors.conflict('The endpoint’s challengeResponse is not sha256(challenge_code + verification token + endpoint URL)');
    }
    this.state.accountDeletionEndpoint = { ...endpoint };
  }

  sign(request: AccountDeletionRequest): SignedNotification {
    const { userId, username } = this.subject(request);
    const notificationId = request.notificationId ?? randomUUID();
    const eventMs = this.state.clock.nowMs();
    const body = JSON.stringify({
      metadata: { topic: request.topic ?? ACCOUNT_DELETION_TOPIC, schemaVersion: '1.0', deprecated: false },
      notification: {
        notificationId,
        eventDate: new Date(eventMs).toISOString(),
        publishDate: new Date(eventMs + 217).toISOString(),
        publishAttemptCount: request.publishAttemptCount ?? 1,
        data: { username, userId, eiasToken: eiasTokenOf(userId) },
      },
    });
    const { signer } = this.state;
    return { notificationId, userId, body, signature: signer.signatureHeader(Buffer.from(body)), kid: signer.kid };
  }

  /** Signs a notification and POSTs it to the registered endpoint; answers the endpoint's status. */
  async deliver(request: AccountDeletionRequest): Promise<DeliveryResult> {
    const endpoint = this.state.accountDeletionEndpoint;
    if (endpoint === undefined) {
      throw controlErrors.conflict('No account deletion endpoint is registered: PUT /__emulator/notifications/endpoint first');
    }
    const signed = this.sign(request);
    const response = await this.call(new URL(endpoint.endpointUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ebay-signature': signed.signature },
      body: signed.body,
    });
    await response.arrayBuffer();
    return { notificationId: signed.notificationId, userId: signed.userId, status: response.status };
  }

  private subject(request: AccountDeletionRequest): { userId: string; username: string } {
    if (request.username !== undefined && request.userId === undefined) {
      const user = this.state.users.get(request.username);
      return { userId: user.userId, username: user.username };
    }
    if (request.userId === undefined) throw controlErrors.invalid('notification needs username or userId');
    const known = this.state.users.findById(request.userId);
    return { userId: request.userId, username: request.username ?? known?.username ?? 'closed_account' };
  }

  private async call(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.any([AbortSignal.timeout(ENDPOINT_TIMEOUT_MS), this.shutdown]) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw controlErrors.unreachable(`${init.method ?? 'GET'} ${url.origin}${url.pathname} failed: ${reason}`);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** eBay's EIAS token looks like base64 with a fixed prefix; ours is derived from the user id. */
function eiasTokenOf(userId: string): string {
  return `nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6w${createHash('sha256').update(userId).digest('base64').slice(0, 32)}`;
}
