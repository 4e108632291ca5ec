/** Thrown by withTimeout when the work took longer than allowed. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * The work's result, or a TimeoutError after `ms`. The work itself goes on (a promise cannot
 * be cancelled); use it where an answer is due on time, like a readiness probe.
 */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
