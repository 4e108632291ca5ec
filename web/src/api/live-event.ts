import type { EventType } from './types';

/** One message of GET /api/events/stream: its id and the webhook body ({type, timestamp, data}). */
export interface LiveEvent {
  readonly id: string;
  /** A type this console does not know (a newer service) is kept as sent and matches no page. */
  readonly type: EventType;
  readonly timestamp: string;
  /** `data.accountId` of account.* and sync.* events. */
  readonly accountId: string | undefined;
  readonly data: Readonly<Record<string, unknown>>;
}

/** After these the account itself reads differently: its status, its token, its refresh error. */
export const ACCOUNT_CHANGES: ReadonlySet<EventType> = new Set<EventType>([
  'account.connected',
  'account.reconnected',
  'account.reauth_required',
  'account.refresh_failing',
  'account.recovered',
  'account.disconnected',
  'account.deleted',
]);

/** The event a message's data holds; undefined for anything that is not one. */
export function liveEventOf(id: string, data: string): LiveEvent | undefined {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { type, timestamp, data: fields } = body as Record<string, unknown>;
  if (typeof type !== 'string' || typeof timestamp !== 'string' || typeof fields !== 'object' || fields === null) return undefined;
  const accountId = (fields as Record<string, unknown>).accountId;
  return {
    id,
    type: type as EventType,
    timestamp,
    accountId: typeof accountId === 'string' ? accountId : undefined,
    data: fields as Record<string, unknown>,
  };
}
