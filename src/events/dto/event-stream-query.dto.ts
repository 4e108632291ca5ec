import { EventFilterQuery } from './events-query.dto';

/** The stream resumes by the Last-Event-ID header, not a query parameter. */
export class EventStreamQuery extends EventFilterQuery {}
