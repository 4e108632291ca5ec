/** What other modules may use of events: recording one inside their transaction. */
export { EventsModule } from './events.module';
export { type EventData, EventsService } from './events.service';
export { EVENT_TYPES, type EventType } from './event-types';
