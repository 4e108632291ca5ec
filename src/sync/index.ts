/** What other modules may use of sync. */
export { SyncModule } from './sync.module';
