import { useSyncExternalStore } from 'react';

/**
 * The time, once a second, for every countdown on the page from one timer. Rounded to the
 * second so that React sees a new value only when the second changes.
 */
const wholeSecond = () => Math.floor(Date.now() / 1000) * 1000;
let now = wholeSecond();
const listeners = new Set<() => void>();
let timer: number | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = wholeSecond();
    timer = window.setInterval(() => {
      now = wholeSecond();
      for (const each of listeners) each();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
