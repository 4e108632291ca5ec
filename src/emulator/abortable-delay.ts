import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits `ms`, or less if the emulator closes meanwhile. Resolves true when the time passed,
 * false when cut short, so a hanging call can be abandoned without an exception.
 */
export async function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch (error) {
    if (signal.aborted) return false;
    throw error;
  }
}
