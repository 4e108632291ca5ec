import type { ActionState } from '../lib/use-action';
import { Notice } from './Notice';

/** What the last click came to, next to its button. */
export function ActionResult({ status, running }: { readonly status: ActionState; readonly running: string }) {
  switch (status.state) {
    case 'idle':
      return null;
    case 'running':
      return <Notice tone="info">{running}</Notice>;
    case 'done':
      return <Notice tone="success">{status.message}</Notice>;
    case 'failed':
      return <Notice tone="error">{status.message}</Notice>;
  }
}
