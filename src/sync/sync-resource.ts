/** What the service syncs of each selling account. */
export const SYNC_RESOURCES = ['orders', 'transactions'] as const;
export type SyncResource = (typeof SYNC_RESOURCES)[number];

export function isSyncResource(value: string): value is SyncResource {
  return (SYNC_RESOURCES as readonly string[]).includes(value);
}
