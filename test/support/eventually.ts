/**
 * Retries `check` until it stops throwing and answers its result; after `timeoutMs` the last
 * failure is the test's. For what settles a moment after the action (a delivery's outcome is
 * written after the receiver answered).
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
