/** What other modules may use of sync. */
export { SyncModule } from './sync.module';
export { type ErasedSyncedData, type RedactedBuyer, SyncedDataEraser } from './synced-data.eraser';
