import { DomainError } from '../errors/domain.error';

/** A cursor this service did not hand out, or one cut or changed on the way back. */
export class InvalidCursorError extends DomainError {
  readonly kind = 'invalid';
  override readonly code = 'invalid_cursor';
  constructor() {
    super('after is not a cursor this service handed out: pass a nextCursor from an earlier page unchanged');
  }
}

/** A cursor says where a page starts; an offset on top of it would say it twice. */
export class CursorWithOffsetError extends DomainError {
  readonly kind = 'invalid';
  override readonly code = 'cursor_with_offset';
  constructor() {
    super('Send either after or offset, not both: a cursor already says where the page starts');
  }
}
