import { connectInThisBrowser } from '../api/connect';
import type { Account } from '../api/types';
import { useAction } from '../lib/use-action';
import { Notice } from './Notice';

/**
 * Sends the browser to eBay to consent again for an account eBay no longer accepts (or one that
 * was disconnected). No house name: a reconnect keeps the account's name, and the account is
 * the one of the eBay user who consents.
 */
export function ReconnectButton({ account }: { readonly account: Account }) {
  const action = useAction(async () => {
    await connectInThisBrowser({});
    return 'Going to eBay…';
  });
  return (
    <div className="reconnect">
      <button
        type="button"
        className="primary"
        disabled={action.busy}
        aria-label={`Reconnect ${account.houseName}`}
        onClick={() => action.run()}
      >
        {action.busy ? 'Going to eBay…' : 'Reconnect'}
      </button>
      <span className="hint">Sign in on eBay as {account.username ?? 'the account’s seller'}.</span>
      {action.status.state === 'failed' && <Notice tone="error">Could not start the reconnect: {action.status.message}</Notice>}
    </div>
  );
}
