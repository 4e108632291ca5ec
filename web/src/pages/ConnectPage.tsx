import { type FormEvent, useState } from 'react';
import { type ConnectIntent, connectInThisBrowser } from '../api/connect';
import type { AccountPurpose, MarketplaceId } from '../api/types';
import { MARKETPLACES, PURPOSE_LABELS, PURPOSES } from '../api/vocabulary';
import { Link } from '../app/router';
import { Notice } from '../components/Notice';
import { useAction } from '../lib/use-action';

/**
 * Connect an eBay account: the browser goes to eBay's consent page (the emulator's, locally),
 * the seller agrees, and eBay sends the browser back to /connect/callback.
 */
export function ConnectPage() {
  const [houseName, setHouseName] = useState('');
  const [purpose, setPurpose] = useState<AccountPurpose | ''>('');
  const [marketplaceId, setMarketplaceId] = useState<MarketplaceId | ''>('');
  const action = useAction(async (intent: ConnectIntent) => {
    await connectInThisBrowser(intent);
    return 'Going to eBay…';
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = houseName.trim();
    action.run({
      ...(name === '' ? {} : { houseName: name }),
      // Unset ones keep a reconnected account's own (a new account: BOTH, the seller's marketplace).
      ...(purpose === '' ? {} : { purpose }),
      ...(marketplaceId === '' ? {} : { marketplaceId }),
    });
  };

  return (
    <section className="narrow" aria-labelledby="connect-heading">
      <h1 id="connect-heading">Connect an eBay account</h1>
      <p>
        The button takes you to eBay. Sign in there as the seller whose account you are connecting and agree; eBay
        then sends you back here. Only this browser can finish the connect it starts.
      </p>
      <form className="card" onSubmit={submit}>
        <label htmlFor="connect-house-name">House name</label>
        <input
          id="connect-house-name"
          value={houseName}
          maxLength={100}
          aria-describedby="connect-house-name-hint"
          onChange={(event) => setHouseName(event.target.value)}
        />
        <p id="connect-house-name-hint" className="hint">
          What your organisation calls the account, e.g. Warehouse-A. Leave it empty for Account-&lt;eBay username&gt;.
        </p>

        <label htmlFor="connect-purpose">Purpose</label>
        <select id="connect-purpose" value={purpose} onChange={(event) => setPurpose(event.target.value as AccountPurpose | '')}>
          <option value="">{PURPOSE_LABELS.BOTH} (or, reconnecting, the account’s own)</option>
          {PURPOSES.map((each) => (
            <option key={each} value={each}>
              {PURPOSE_LABELS[each]}
            </option>
          ))}
        </select>

        <label htmlFor="connect-marketplace">Marketplace</label>
        <select
          id="connect-marketplace"
          value={marketplaceId}
          onChange={(event) => setMarketplaceId(event.target.value as MarketplaceId | '')}
        >
          <option value="">The seller’s registration marketplace (or, reconnecting, the account’s own)</option>
          {MARKETPLACES.map((each) => (
            <option key={each} value={each}>
              {each}
            </option>
          ))}
        </select>

        {action.status.state === 'failed' && <Notice tone="error">{action.status.message}</Notice>}
        <div className="actions">
          <Link to="/">Cancel</Link>
          <button type="submit" className="primary" disabled={action.busy}>
            {action.busy ? 'Going to eBay…' : 'Connect eBay account'}
          </button>
        </div>
      </form>
    </section>
  );
}
