import { DomainError } from '../common/errors/domain.error';

/** A programming error: an event written outside the transaction of its change would be an event without a change. */
export class EventOutsideTransactionError extends Error {
  constructor(type: string) {
    super(`The ${type} event must be recorded inside the transaction of the change it reports`);
  }
}

/** `after` or Last-Event-ID that is not an event id of ours. */
export class InvalidEventIdError extends DomainError {
  readonly kind = 'invalid';
  override readonly code = 'invalid_event_id';
  constructor(name: string) {
    super(`${name} must be an event id (evt_ and 19 digits)`);
  }
}

export class AdminOnlyEventFilterError extends DomainError {
  readonly kind = 'forbidden';
  constructor() {
    super('Only administrators may read other organisations’ events (orgId)');
  }
}

export class TooManyStreamsError extends DomainError {
  readonly kind = 'too_many_requests';
  override readonly code = 'too_many_streams';
  override readonly retryAfterSeconds = 5;
  constructor(limit: number) {
    super(`A user may hold ${limit} live streams open on one replica (EVENTS_STREAMS_PER_USER); close one first`);
  }
}
