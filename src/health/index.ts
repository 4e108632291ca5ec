/** What other modules may use of health: the module and the last check round's summary (the admin overview). */
export { HealthModule } from './health.module';
export { LastRoundReader, type LastRoundSummary } from './last-round.reader';
