import { useCallback, useEffect, useRef, useState } from 'react';
import { describeFailure } from '../api/client';

export type ActionState =
  | { readonly state: 'idle' }
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly message: string }
  | { readonly state: 'failed'; readonly message: string };

/**
 * A button's work: one run at a time, and what came of it in words. `run` resolves to the
 * message to show on success.
 */
export function useAction<A extends unknown[]>(
  work: (...args: A) => Promise<string>,
): { readonly status: ActionState; readonly run: (...args: A) => void; readonly busy: boolean } {
  const [status, setStatus] = useState<ActionState>({ state: 'idle' });
  const running = useRef(false);
  // The latest render's work, so that `run` stays one function for the button's whole life.
  const latest = useRef(work);
  useEffect(() => {
    latest.current = work;
  });

  const run = useCallback((...args: A) => {
    if (running.current) return;
    running.current = true;
    setStatus({ state: 'running' });
    void latest.current(...args)
      .then(
        (message) => setStatus({ state: 'done', message }),
        (error: unknown) => setStatus({ state: 'failed', message: describeFailure(error) }),
      )
      .finally(() => {
        running.current = false;
      });
  }, []);
  return { status, run, busy: status.state === 'running' };
}
